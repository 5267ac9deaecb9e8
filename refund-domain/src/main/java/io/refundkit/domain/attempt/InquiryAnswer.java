package io.refundkit.domain.attempt;

import io.refundkit.domain.TxStatus;
import java.util.Objects;

/** What Transaction Inquiry said about a transaction, as the reconciliation policy needs it. */
public sealed interface InquiryAnswer {

  /** Inquiry answered with the transaction's current {@code tx_status}. */
  record Status(TxStatus status) implements InquiryAnswer {
    public Status {
      Objects.requireNonNull(status, "status");
    }
  }

  /** Inquiry gave no usable answer (not sent, outcome unknown, rejected); {@code code} says which. */
  record NoAnswer(String code) implements InquiryAnswer {
    public NoAnswer {
      Objects.requireNonNull(code, "code");
    }
  }
}
