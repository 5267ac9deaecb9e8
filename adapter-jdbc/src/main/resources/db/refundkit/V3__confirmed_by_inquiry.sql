-- Whether an attempt's refund was shown by Transaction Inquiry rather than by Eko's own answer: a fact of the
-- attempt (RefundAttempt.confirmedByInquiry), no longer read back from the codes of its audit trail.
ALTER TABLE refundkit_attempt ADD COLUMN confirmed_by_inquiry BOOLEAN DEFAULT FALSE NOT NULL;

-- Existing refunded attempts: confirmed by inquiry when their last refund event says so.
UPDATE refundkit_attempt SET confirmed_by_inquiry = TRUE
WHERE state = 'REFUNDED'
  AND EXISTS (
    SELECT 1 FROM refundkit_attempt_event e
    WHERE e.environment = refundkit_attempt.environment AND e.initiator_id = refundkit_attempt.initiator_id
      AND e.tid = refundkit_attempt.tid AND e.code = 'refunded_confirmed_by_inquiry'
      AND NOT EXISTS (
        SELECT 1 FROM refundkit_attempt_event f
        WHERE f.environment = e.environment AND f.initiator_id = e.initiator_id AND f.tid = e.tid
          AND f.seq > e.seq AND f.code IN ('refunded', 'already_refunded_at_eko')));
