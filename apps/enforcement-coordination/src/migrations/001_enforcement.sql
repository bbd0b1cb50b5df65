-- Read models of enforcement-coordination (projections, rebuildable from its own events) ...
CREATE TABLE measures (
  measure_id       text        PRIMARY KEY,
  version          integer     NOT NULL,
  content          text        NOT NULL,
  target           text        NOT NULL,
  legal_basis      text        NOT NULL,
  implementing_org text        NOT NULL,
  registered_at    timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL
);
CREATE INDEX measures_org ON measures (implementing_org);

CREATE TABLE memoranda (
  memorandum_id text        PRIMARY KEY,
  version       integer     NOT NULL,
  list_type     text        NOT NULL,
  title         text        NOT NULL,
  measure_ids   text[]      NOT NULL,
  adopted_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL
);
CREATE INDEX memoranda_list_type ON memoranda (list_type);

CREATE TABLE enforced_listings (
  listing_id       text        PRIMARY KEY,
  uscc             text        NOT NULL,
  list_type        text        NOT NULL,
  status           text        NOT NULL,
  legal_basis      text        NOT NULL,
  reason           text        NOT NULL,
  decided_by       text        NOT NULL,
  decided_at       timestamptz NOT NULL,
  effective_until  timestamptz,
  basis_record_ids text[]      NOT NULL,
  removed_at       timestamptz,
  removal_cause    text
);
CREATE INDEX enforced_listings_uscc ON enforced_listings (uscc);

-- Which listings rest on a record (RecordRepaired → the listings to look at), without scanning every listing.
CREATE TABLE listing_basis_records (
  record_id  text NOT NULL,
  listing_id text NOT NULL,
  PRIMARY KEY (record_id, listing_id)
);

CREATE TABLE alerts (
  alert_id        text        PRIMARY KEY,
  listing_id      text        NOT NULL,
  uscc            text        NOT NULL,
  list_type       text        NOT NULL,
  measure_id      text        NOT NULL,
  measure_version integer     NOT NULL,
  org             text        NOT NULL,
  kind            text        NOT NULL,
  status          text        NOT NULL,
  issued_at       timestamptz NOT NULL,
  acknowledge_by  timestamptz NOT NULL,
  feedback_by     timestamptz NOT NULL,
  releases        text,
  acknowledged_at timestamptz,
  acknowledged_by text,
  outcome         text,
  reason          text,
  closed_at       timestamptz,
  closed_by       text,
  overdue_stages  text[]      NOT NULL DEFAULT '{}',
  updated_at      timestamptz NOT NULL
);
CREATE INDEX alerts_org ON alerts (org, issued_at, alert_id);
CREATE INDEX alerts_uscc ON alerts (uscc);
CREATE INDEX alerts_listing ON alerts (listing_id);

-- ... and delivery, written in the same transaction as the alert's events (an outbox per organisation), never rebuilt.
-- Each organisation's feed is numbered without gaps: the head row is locked by the writing transaction, so sequence
-- numbers commit in order and a reader resuming after n (SSE Last-Event-ID) can never skip one committed later.
CREATE TABLE alert_feed_heads (
  org      text   PRIMARY KEY,
  last_seq bigint NOT NULL
);

CREATE TABLE alert_feed (
  org         text        NOT NULL,
  seq         bigint      NOT NULL,
  event       text        NOT NULL,
  alert_id    text        NOT NULL,
  payload     jsonb       NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org, seq)
);

CREATE TABLE webhooks (
  webhook_id text        PRIMARY KEY,
  org        text        NOT NULL,
  url        text        NOT NULL,
  secret     text        NOT NULL,
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhooks_org ON webhooks (org);

-- The persistent delivery queue: one row per (webhook, feed entry), retried with exponential backoff until the
-- receiver answers 2xx. Never dropped; every attempt is kept.
CREATE TABLE webhook_deliveries (
  delivery_id     uuid        PRIMARY KEY,
  webhook_id      text        NOT NULL REFERENCES webhooks (webhook_id),
  org             text        NOT NULL,
  seq             bigint      NOT NULL,
  event           text        NOT NULL,
  payload         jsonb       NOT NULL,
  status          text        NOT NULL DEFAULT 'pending',
  attempts        integer     NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  lease_until     timestamptz,
  delivered_at    timestamptz,
  last_error      text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (webhook_id, seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, seq);

CREATE TABLE webhook_attempts (
  delivery_id uuid        NOT NULL REFERENCES webhook_deliveries (delivery_id),
  attempt     integer     NOT NULL,
  at          timestamptz NOT NULL,
  status_code integer,
  error       text,
  duration_ms integer     NOT NULL,
  PRIMARY KEY (delivery_id, attempt)
);
