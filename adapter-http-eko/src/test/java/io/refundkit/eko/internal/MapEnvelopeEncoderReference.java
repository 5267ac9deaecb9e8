package io.refundkit.eko.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.refundkit.domain.Money;
import io.refundkit.domain.OtpChallenge;
import io.refundkit.domain.RefundReceipt;
import io.refundkit.domain.StatusReport;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The envelope encoders as they were before they streamed: ordered maps serialised by Jackson's databind. Kept as
 * the reference that {@code EnvelopeEncodingProperties} pins the streaming encoders to, byte for byte.
 */
public final class MapEnvelopeEncoderReference {

  private static final int TYPE_REFUND_DONE = EnvelopeCodec.TYPE_REFUND_DONE;
  private static final int TYPE_OTP_SENT = EnvelopeCodec.TYPE_OTP_SENT;
  private static final int TYPE_INQUIRY = EnvelopeCodec.TYPE_INQUIRY;
  private static final DateTimeFormatter EKO_INSTANT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper = JsonMapper.builder().build();

  /** Eko's "Refund done" envelope, shaped like Eko's sample (amounts as strings, two decimals). */
  public byte[] encodeRefundDone(RefundReceipt r) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("refund_tid", r.refundTid().value());
    r.amount().forEach(m -> data.put("amount", money(m)));
    r.tds().forEach(m -> data.put("tds", money(m)));
    r.balance().forEach(m -> data.put("balance", money(m)));
    r.fee().forEach(m -> data.put("fee", money(m)));
    data.put("currency", r.currency());
    r.commissionReversed().forEach(m -> data.put("commission_reverse", money(m)));
    data.put("tid", r.tid().value());
    r.timestamp().forEach(t -> data.put("timestamp", EKO_INSTANT.format(t)));
    data.put("refunded_amount", money(r.refundedAmount()));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", 0);
    root.put("data", data);
    root.put("response_type_id", TYPE_REFUND_DONE);
    root.put("message", "Refund done");
    root.put("status", 0);
    return write(root);
  }

  /**
   * Eko's "Send OTP" envelope, mirroring Eko's own sample: {@code status} 2133, {@code response_status_id} 1,
   * {@code response_type_id} 2133, and the proof of success, a non-empty {@code data.otp_ref_id}.
   */
  public byte[] encodeOtpSent(OtpChallenge c) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tid", c.tid().value());
    data.put("otp_ref_id", c.otpRefId().value());
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", 1);
    root.put("data", data);
    root.put("response_type_id", TYPE_OTP_SENT);
    root.put("message", "Send OTP");
    root.put("status", TYPE_OTP_SENT);
    return write(root);
  }

  /** A successful inquiry: {@code tx_status} as a string at the top level and in {@code data}. */
  public byte[] encodeStatusRead(StatusReport s) {
    String code = String.valueOf(s.status().code());
    String desc = s.description().getOrElse(s.status().label());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("tid", s.tid().value());
    data.put("tx_status", code);
    data.put("txstatus_desc", desc);
    s.amount().forEach(m -> data.put("amount", money(m)));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", -1);
    root.put("data", data);
    root.put("response_type_id", TYPE_INQUIRY);
    root.put("message", "Transaction inquiry successful");
    root.put("status", 0);
    root.put("tx_status", code);
    root.put("txstatus_desc", desc);
    return write(root);
  }

  /** Any failure envelope: a business refusal, an auth refusal, an HTTP-level error. */
  public byte[] encodeFailure(
      int status, int responseStatusId, int responseTypeId, String message, Map<String, String> invalidParams) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("response_status_id", responseStatusId);
    root.put("data", new LinkedHashMap<String, Object>());
    root.put("response_type_id", responseTypeId);
    root.put("message", message);
    root.put("status", status);
    if (!invalidParams.isEmpty()) {
      root.put("invalid_params", new TreeMap<>(invalidParams));
    }
    return write(root);
  }

  private static String money(Money m) {
    return m.toString();
  }

  private byte[] write(Map<String, Object> root) {
    try {
      return mapper.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

}
