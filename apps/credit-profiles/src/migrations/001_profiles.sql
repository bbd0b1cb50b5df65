-- Credit profiles (ADR 0014). The history of every integration event received is the service's own event store
-- (stream `profile-<uscc>`, type IntegrationEventReceived): append-only, ordered per subject, folded for `asOf`.
-- These tables are projections of that store and can be dropped and rebuilt (`npx credit-share replay --projection profiles`).

-- One row per subject: the fold of its history (`evolveProfile`), as JSON.
CREATE TABLE profiles (
  uscc             text        PRIMARY KEY,
  doc              jsonb       NOT NULL,
  events           integer     NOT NULL,
  last_occurred_at timestamptz
);

-- The measures catalogue as enforcement coordination published it: names the measures in force on a profile.
CREATE TABLE profile_measures (
  measure_id       text    PRIMARY KEY,
  version          integer NOT NULL,
  content          text    NOT NULL,
  target           text    NOT NULL,
  legal_basis      text    NOT NULL,
  implementing_org text    NOT NULL
);

-- Query accounting (PRODUCT.md §3.7): one row per AccessLogged event of the store, written in its transaction.
CREATE TABLE access_log (
  entry_id        uuid        PRIMARY KEY,
  at              timestamptz NOT NULL,
  org             text        NOT NULL,
  user_id         text        NOT NULL,
  roles           text[]      NOT NULL,
  purpose         text,
  uscc            text        NOT NULL,
  query           text        NOT NULL,
  as_of           timestamptz,
  outcome         text        NOT NULL CHECK (outcome IN ('served', 'denied')),
  denial_reason   text,
  sharing_classes text[]      NOT NULL,
  report_number   text,
  report_hash     text
);
CREATE INDEX access_log_by_subject ON access_log (uscc, at DESC);
CREATE INDEX access_log_by_time ON access_log (at);
