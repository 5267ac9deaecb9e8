package io.refundkit.eko;

import io.refundkit.domain.Agent;
import io.refundkit.domain.Otp;
import io.refundkit.domain.OtpRefId;
import io.refundkit.domain.RefundCommand;
import io.refundkit.domain.RefundConsent;
import io.refundkit.domain.ServiceCode;
import io.refundkit.domain.TransactionId;
import io.refundkit.testkit.EkoSample;
import io.refundkit.testkit.EkoUat;
import io.vavr.control.Option;
import java.util.List;

/**
 * Every key, OTP and otp_ref_id the suite uses. Tests take them from here only, so LogRedactionTest knows what
 * must never be logged. Eko's published values come from the test kit ({@link EkoUat}, {@link EkoSample}).
 */
public final class TestSecrets {

  private TestSecrets() {}

  public static final String DEVELOPER_KEY = EkoUat.DEVELOPER_KEY;
  public static final String ACCESS_KEY = EkoUat.ACCESS_KEY;
  public static final String OTHER_DEVELOPER_KEY = "devkey-other-7f3e91c2a4b8";
  public static final String OTHER_ACCESS_KEY = "accesskey-other-0b6d5e4f3a2c";
  public static final String WRONG_ACCESS_KEY = "accesskey-wrong-55aa66bb77cc";
  public static final String OTP = "80734519";
  public static final String OTP_REF_ID = EkoSample.OTP_REF_ID;
  public static final String SERVER_OTP_REF_ID = "srvRef-Q9w8e7r6t5y4u3i2o1p0-aSdFgHjKl";

  public static final List<String> ALL =
      List.of(
          DEVELOPER_KEY,
          ACCESS_KEY,
          OTHER_DEVELOPER_KEY,
          OTHER_ACCESS_KEY,
          WRONG_ACCESS_KEY,
          OTP,
          OTP_REF_ID,
          SERVER_OTP_REF_ID);

  public static final Agent AGENT = EkoUat.AGENT;
  public static final TransactionId TID = EkoSample.TID;

  public static RefundCommand refund(TransactionId tid) {
    return new RefundCommand(
        tid,
        RefundConsent.of(new Otp(OTP), new OtpRefId(OTP_REF_ID)),
        AGENT,
        Option.some(ServiceCode.PAYPOINT));
  }

  public static RefundCommand refund() {
    return refund(TID);
  }
}
