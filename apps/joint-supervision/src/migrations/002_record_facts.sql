-- Record facts become a read model of credit records' integration events alone, so `npx credit-share replay` can
-- rebuild it from the audit ledger's entries identical to the live table: each row is keyed by the message it came
-- from (message id, position in the message) instead of an arrival sequence, and listing facts are no longer stored
-- here — the grade fold reads them from `listings`, the projection of this service's own listing events. The table
-- of 001 held nothing but development data; it is replaced.

DROP TABLE subject_facts;

CREATE TABLE record_facts (
  message_id      uuid     NOT NULL,
  ord             smallint NOT NULL,
  uscc            text     NOT NULL,
  fact            text     NOT NULL CHECK (fact IN ('record', 'record-ended', 'record-disputed')),
  at_ms           bigint   NOT NULL,
  record_id       text     NOT NULL,
  kind            text,
  severity        text,
  public_from_ms  bigint,
  public_until_ms bigint,
  disputed        boolean,
  cause           text,
  PRIMARY KEY (message_id, ord)
);
-- Facts apply by instant, then in the order credit records produced them (its message ids are UUIDv7, time-ordered).
CREATE INDEX record_facts_uscc ON record_facts (uscc, at_ms, message_id, ord);
CREATE INDEX record_facts_record ON record_facts (record_id);
CREATE INDEX listings_effective ON listings (uscc) WHERE effective_from IS NOT NULL;
