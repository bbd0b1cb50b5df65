-- Records, subjects, the identifier allow-list and provider data quality (issue 3, ADR 0008).

-- Operator's allow-list of legitimately issued USCCs that fail GB 32100 (projection of UsccExceptionAllowed).
CREATE TABLE uscc_exceptions (
  uscc       text        PRIMARY KEY,
  reason     text        NOT NULL,
  source     text        NOT NULL,
  added_by   text        NOT NULL,
  added_at   timestamptz NOT NULL
);

-- Subjects, registered by their first accepted record (projection of SubjectRegistered / PersonRegistered). A
-- natural person is keyed by a keyed lookup token; the identifier itself is only stored encrypted.
CREATE TABLE subjects (
  subject_key       text        PRIMARY KEY,
  category          text        NOT NULL,
  uscc              text        UNIQUE,
  name              text        NOT NULL,
  person_ciphertext text,
  masked_id         text,
  aliases           jsonb       NOT NULL DEFAULT '[]',
  non_conforming    boolean     NOT NULL DEFAULT false,
  registered_at     timestamptz NOT NULL
);
CREATE INDEX subjects_aliases ON subjects USING gin (aliases jsonb_path_ops);

-- The idempotency key of a submission: same provider + subject + decision document number = same record. Written in
-- the transaction that appends the record's first event, so two concurrent submissions cannot both create it.
CREATE TABLE record_keys (
  provider_org    text NOT NULL,
  subject_key     text NOT NULL,
  document_number text NOT NULL,
  record_id       text NOT NULL UNIQUE,
  PRIMARY KEY (provider_org, subject_key, document_number)
);

-- Current state of each record (projection of the record events); "in publicity" is computed from the dates.
CREATE TABLE records (
  record_id         text        PRIMARY KEY,
  kind              text        NOT NULL,
  provider_org      text        NOT NULL,
  subject_key       text        NOT NULL,
  subject_category  text        NOT NULL,
  uscc              text,
  subject_name      text        NOT NULL,
  masked_id         text,
  sharing_class     text        NOT NULL,
  market_credit     boolean     NOT NULL,
  catalogue_version integer     NOT NULL,
  status            text        NOT NULL,
  version           integer     NOT NULL,
  severity          text,
  decision_date     date        NOT NULL,
  public_from       timestamptz NOT NULL,
  public_until      timestamptz,
  repairable_from   timestamptz,
  ended_at          timestamptz,
  withdrawn_at      timestamptz,
  withdrawal_reason text,
  repaired_at       timestamptz,
  repair_id         text,
  expired_at        timestamptz,
  disputes          text[]      NOT NULL DEFAULT '{}',
  details           jsonb       NOT NULL,
  submitted_at      timestamptz NOT NULL,
  updated_at        timestamptz NOT NULL
);
CREATE INDEX records_by_uscc ON records (uscc, submitted_at);
CREATE INDEX records_by_subject ON records (subject_key);
CREATE INDEX records_by_provider ON records (provider_org, submitted_at);

-- Every version of every record, for history and for "as of" reads.
CREATE TABLE record_versions (
  record_id       text        NOT NULL,
  version         integer     NOT NULL,
  recorded_at     timestamptz NOT NULL,
  severity        text,
  subject_name    text        NOT NULL,
  details         jsonb       NOT NULL,
  public_from     timestamptz NOT NULL,
  public_until    timestamptz,
  repairable_from timestamptz,
  reason          text,
  PRIMARY KEY (record_id, version)
);

-- Provider data quality (PRODUCT.md §1 "watches data quality"): accepted rows and rejections by error code, counted
-- in the transaction of the submission; timeliness of accepted records (decision date → submission, working days).
CREATE TABLE provider_quality (
  provider_org text   NOT NULL,
  code         text   NOT NULL,
  rows         bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (provider_org, code)
);

CREATE TABLE provider_timeliness (
  provider_org       text   PRIMARY KEY,
  measured           bigint NOT NULL DEFAULT 0,
  on_time            bigint NOT NULL DEFAULT 0,
  working_days_total bigint NOT NULL DEFAULT 0,
  not_measured       bigint NOT NULL DEFAULT 0
);

-- A subject's first accepted record registers it: reserving the key in the submission's transaction decides which
-- concurrent submission appends SubjectRegistered (the other finds the key taken and appends nothing).
CREATE TABLE subject_reservations (
  subject_key text PRIMARY KEY
);
