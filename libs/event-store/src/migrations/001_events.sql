-- The event store is the outbox (ADR 0001): every fact of a service is one row here, and the relay publishes from it.
-- Global order is (transaction_id, global_position); readers stop below the oldest running transaction (ADR 0002).
CREATE TABLE events (
  global_position bigint      GENERATED ALWAYS AS IDENTITY,
  transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
  stream_id       text        NOT NULL,
  stream_version  integer     NOT NULL CHECK (stream_version > 0),
  event_id        uuid        NOT NULL,
  type            text        NOT NULL,
  schema_version  integer     NOT NULL CHECK (schema_version > 0),
  data            jsonb       NOT NULL,
  metadata        jsonb       NOT NULL,
  occurred_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT statement_timestamp(),
  -- The optimistic-concurrency guard: two writers that read the same version cannot both append its successor.
  CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version),
  -- Catch-up readers scan in this order from a cursor.
  CONSTRAINT events_pkey PRIMARY KEY (transaction_id, global_position)
);

CREATE TABLE checkpoints (
  name            text        PRIMARY KEY,
  transaction_id  xid8        NOT NULL,
  global_position bigint      NOT NULL,
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Append-only, enforced twice: privileges for ordinary roles, a trigger for everyone (superusers bypass privileges).
CREATE FUNCTION events_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events are append-only: % refused on %.%', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_no_update_or_delete BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_are_append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_are_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON events FROM PUBLIC;
DO $$ BEGIN EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON events FROM %I', current_user); END $$;
