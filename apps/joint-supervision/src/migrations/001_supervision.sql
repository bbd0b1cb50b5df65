-- Joint supervision (PRODUCT.md §3.4–3.5, ADR 0012).
--
-- subject_facts     what credit records told this service about each subject's records (published/corrected
--                   versions, ends, disputes) and the listings this service decided, as dated facts: the grade at any
--                   instant is a fold over a subject's facts up to that instant. Times are epoch milliseconds.
-- subjects          the subject's name as credit records last gave it (for inspection results).
-- grades            the last grade given to each subject (a projection of GradeChanged); its row lock serialises
--                   regrades of one subject.
-- rule_sets         adopted grading rule sets (a projection of RuleSetAdopted); version 1 is the built-in default.
-- listings          list entries and their due-process state (a projection of the Listing* events).
-- inspection_plans  published 双随机 plans and their reported results.

CREATE TABLE subject_facts (
  seq             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  uscc            text    NOT NULL,
  fact            text    NOT NULL CHECK (fact IN ('record', 'record-ended', 'record-disputed', 'listing-entered', 'listing-ended')),
  at_ms           bigint  NOT NULL,
  record_id       text,
  kind            text,
  severity        text,
  public_from_ms  bigint,
  public_until_ms bigint,
  disputed        boolean,
  cause           text,
  listing_id      text,
  list_type       text,
  until_ms        bigint
);
CREATE INDEX subject_facts_uscc ON subject_facts (uscc, at_ms, seq);
CREATE INDEX subject_facts_record ON subject_facts (record_id) WHERE record_id IS NOT NULL;

CREATE TABLE subjects (
  uscc text PRIMARY KEY,
  name text NOT NULL
);

CREATE TABLE grades (
  uscc             text PRIMARY KEY,
  grade            text CHECK (grade IN ('A', 'B', 'C', 'D')),
  score            double precision,
  rule_set_version integer,
  as_of            timestamptz,
  reasons          jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX grades_grade ON grades (grade);

CREATE TABLE rule_sets (
  version        integer PRIMARY KEY,
  effective_from timestamptz NOT NULL,
  rules          jsonb       NOT NULL,
  adopted_by     text        NOT NULL,
  adopted_at     timestamptz NOT NULL
);

CREATE TABLE listings (
  listing_id               text PRIMARY KEY,
  uscc                     text        NOT NULL,
  list_type                text        NOT NULL,
  status                   text        NOT NULL CHECK (status IN ('noticed', 'listed', 'not_listed', 'removed')),
  basis_record_ids         text[]      NOT NULL,
  legal_basis              text        NOT NULL,
  proposed_by              text        NOT NULL,
  proposed_at              timestamptz NOT NULL,
  notice                   jsonb,
  statement_window_ends_at timestamptz,
  waived_at                timestamptz,
  outcome                  text,
  decision_reason          text,
  decided_by               text,
  decided_at               timestamptz,
  effective_from           timestamptz,
  effective_until          timestamptz,
  removed_at               timestamptz,
  removal_cause            text,
  removal_reason           text
);
CREATE INDEX listings_list ON listings (list_type, status);
CREATE INDEX listings_uscc ON listings (uscc);
CREATE INDEX listings_basis ON listings USING gin (basis_record_ids);

CREATE TABLE inspection_plans (
  plan_id          text PRIMARY KEY,
  organizer        text        NOT NULL,
  seed             text        NOT NULL,
  sampling_rates   jsonb       NOT NULL,
  rule_set_version integer     NOT NULL,
  subjects         jsonb       NOT NULL,
  published_at     timestamptz NOT NULL,
  results          jsonb       NOT NULL DEFAULT '{}'
);
