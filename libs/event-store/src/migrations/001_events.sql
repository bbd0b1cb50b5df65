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

-- The append, as one call: the version check, the unique (stream_id, stream_version) guard and the insert travel
-- together. It lives in a PL/pgSQL function because PL/pgSQL keeps the INSERT's plan for the session: sent from the
-- client as a plain statement, it was parsed and planned on every append, which cost more than executing it.
-- The events' metadata is passed once per append (one command's events share it). Positions and times are returned
-- in the forms the client decodes cheapest; recorded_ms is recorded_at in whole milliseconds, as a JS Date holds it.
CREATE FUNCTION append_events(p_stream_id text, p_expected_version integer, p_events jsonb, p_metadata jsonb)
  RETURNS TABLE (out_position bigint, out_transaction_id xid8, out_stream_version integer, out_recorded_ms float8)
  LANGUAGE plpgsql AS $$
BEGIN
  RETURN QUERY
  WITH head AS (
    SELECT coalesce(max(h.stream_version), 0) AS version FROM events h WHERE h.stream_id = p_stream_id
  )
  INSERT INTO events AS ev (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
  SELECT p_stream_id, head.version + e.ordinality, e.event_id, e.type, e.schema_version, e.data, p_metadata, e.occurred_at
  FROM head,
       ROWS FROM (jsonb_to_recordset(p_events)
         AS (event_id uuid, type text, schema_version integer, data jsonb, occurred_at timestamptz))
       WITH ORDINALITY AS e(event_id, type, schema_version, data, occurred_at, ordinality)
  WHERE p_expected_version IS NULL OR head.version = p_expected_version
  RETURNING ev.global_position, ev.transaction_id, ev.stream_version, floor(extract(epoch FROM ev.recorded_at) * 1000)::float8;
END
$$;

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
