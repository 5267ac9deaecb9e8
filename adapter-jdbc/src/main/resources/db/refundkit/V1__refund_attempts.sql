-- refundkit's refund-once ledger. Portable SQL: the same script runs on PostgreSQL and H2.
-- Applied by Flyway (history table refundkit_schema_history); never edit a released script, add V2__... instead.
--
-- No column ever holds an OTP, an otp_ref_id or a key: the RefundLedger port never receives one.

-- One row per (environment, initiator, tid): the attempt's current standing.
CREATE TABLE refundkit_attempt (
  environment    VARCHAR(1000) NOT NULL,   -- the gateway's normalised base URL, e.g. https://api.eko.in/ekoicici/v3
  initiator_id   VARCHAR(64)   NOT NULL,
  tid            VARCHAR(64)   NOT NULL,
  state          VARCHAR(16)   NOT NULL,   -- IN_FLIGHT | UNKNOWN | REFUNDED | RELEASED
  version        BIGINT        NOT NULL,   -- optimistic concurrency: +1 on every change
  owner          VARCHAR(255)  NOT NULL,   -- the instance id that made the current claim
  claimed_at     TIMESTAMP WITH TIME ZONE NOT NULL,  -- "in flight since ..."
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  refund_tid     VARCHAR(64),              -- Eko's refund tid, once known
  reconciled_at  TIMESTAMP WITH TIME ZONE, -- when an inquiry settled the current claim
  CONSTRAINT refundkit_attempt_pk PRIMARY KEY (environment, initiator_id, tid),
  CONSTRAINT refundkit_attempt_state_ck CHECK (state IN ('IN_FLIGHT', 'UNKNOWN', 'REFUNDED', 'RELEASED')),
  CONSTRAINT refundkit_attempt_version_ck CHECK (version > 0)
);

-- list(states) and the sweep: by state, oldest claim first.
CREATE INDEX refundkit_attempt_state_ix ON refundkit_attempt (state, claimed_at);

-- The audit trail: one row per change of an attempt; seq is the attempt's version after that change, so two
-- writers that both believed they held one version would collide on the primary key.
CREATE TABLE refundkit_attempt_event (
  environment    VARCHAR(1000) NOT NULL,
  initiator_id   VARCHAR(64)   NOT NULL,
  tid            VARCHAR(64)   NOT NULL,
  seq            BIGINT        NOT NULL,
  occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  owner          VARCHAR(255)  NOT NULL,   -- the instance that made this change
  state          VARCHAR(16)   NOT NULL,   -- the state it moved the attempt to
  code           VARCHAR(255)  NOT NULL,   -- claimed, refunded, refunded_confirmed_by_inquiry, wrong_otp, read_timeout, ...
  refund_tid     VARCHAR(64),
  CONSTRAINT refundkit_attempt_event_pk PRIMARY KEY (environment, initiator_id, tid, seq),
  CONSTRAINT refundkit_attempt_event_attempt_fk FOREIGN KEY (environment, initiator_id, tid)
    REFERENCES refundkit_attempt (environment, initiator_id, tid),
  CONSTRAINT refundkit_attempt_event_state_ck CHECK (state IN ('IN_FLIGHT', 'UNKNOWN', 'REFUNDED', 'RELEASED'))
);
