package com.example.refunds;

/** The request body of {@code POST /refunds/{tid}}: the customer's OTP and, when Eko gave one, its otp_ref_id. */
record ConsentBody(String otp, String otpRefId) {

  @Override
  public String toString() {
    return "ConsentBody[otp=****, otpRefId=****]"; // never in a log line
  }
}
