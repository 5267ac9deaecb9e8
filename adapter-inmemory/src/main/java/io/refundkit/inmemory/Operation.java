package io.refundkit.inmemory;

/** The three Eko operations the simulator serves, as named in its call log and in fault scripts. */
public enum Operation {
  /** Get Refund OTP. */
  REQUEST_OTP,
  /** Initiate Refund. */
  INITIATE_REFUND,
  /** Transaction Inquiry. */
  INQUIRE
}
