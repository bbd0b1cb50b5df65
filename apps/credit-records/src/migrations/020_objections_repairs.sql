-- Read models of objections and repair applications (apps/credit-records/src/objection, src/repair), written in the
-- same transaction as their events and rebuildable from the history (npx credit-share replay).
CREATE TABLE objections (
  objection_id    text PRIMARY KEY,
  record_id       text NOT NULL,
  record_version  integer NOT NULL,
  provider_org    text NOT NULL,
  subject_uscc    text NOT NULL,
  subject_name    text NOT NULL,
  ground          text NOT NULL,
  statement       text NOT NULL,
  filed_by        text NOT NULL,
  filed_at        timestamptz NOT NULL,
  due_at          timestamptz NOT NULL,
  policy_version  text NOT NULL,
  status          text NOT NULL,
  overdue         boolean NOT NULL DEFAULT false,
  resolution      text,
  reason          text,
  decided_at      timestamptz,
  decided_by_org  text,
  decided_by_user text,
  late            boolean
);
CREATE INDEX objections_subject ON objections (subject_uscc, filed_at);
CREATE INDEX objections_provider ON objections (provider_org, status, due_at);
CREATE INDEX objections_record ON objections (record_id);

CREATE TABLE repairs (
  repair_id        text PRIMARY KEY,
  record_id        text NOT NULL,
  provider_org     text NOT NULL,
  subject_uscc     text NOT NULL,
  subject_name     text NOT NULL,
  severity         text,
  commitment       text NOT NULL,
  evidence         jsonb NOT NULL,
  applied_at       timestamptz NOT NULL,
  due_at           timestamptz NOT NULL,
  feedback_due_at  timestamptz NOT NULL,
  policy_version   text NOT NULL,
  status           text NOT NULL,
  overdue          boolean NOT NULL DEFAULT false,
  reason           text,
  decided_at       timestamptz,
  decided_by_org   text,
  decided_by_user  text,
  late             boolean
);
CREATE INDEX repairs_subject ON repairs (subject_uscc, applied_at);
CREATE INDEX repairs_provider ON repairs (provider_org, status, due_at);
-- At most one undecided application per record; two racing applications cannot both commit.
CREATE UNIQUE INDEX repairs_one_pending ON repairs (record_id) WHERE status = 'pending';

-- Inspection results (joint-supervision) already turned into records: resultId → recordId.
CREATE TABLE inspection_result_records (
  result_id  text PRIMARY KEY,
  record_id  text NOT NULL
);
