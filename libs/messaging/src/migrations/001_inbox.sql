-- Inbox: a message id is recorded in the same transaction as its effect, so a redelivered message is recognised and
-- skipped (exactly-once effects over an at-least-once transport).
CREATE TABLE inbox (
  message_id  uuid        PRIMARY KEY,
  type        text        NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now()
);

-- Messages a consumer could not apply (poison) and the later messages of the same subject they hold back, in
-- arrival order. A subject with an unresolved row here is blocked for this consumer; other subjects flow on.
CREATE TABLE parked_messages (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id  text        NOT NULL UNIQUE,
  topic       text        NOT NULL,
  subject     text        NOT NULL,
  reason      text        NOT NULL CHECK (reason IN ('poison', 'held')),
  headers     jsonb       NOT NULL,
  value       text        NOT NULL,
  error       text,
  attempts    integer     NOT NULL DEFAULT 0,
  parked_at   timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz
);
CREATE INDEX parked_messages_blocking ON parked_messages (subject) WHERE resolved_at IS NULL;
