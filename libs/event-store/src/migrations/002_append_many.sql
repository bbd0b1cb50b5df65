-- Set-based append to many streams in one statement (ADR 0008): a batch of 1,000 records is 1,000 new streams, and
-- one round trip per stream cost more than everything else in the batch. Each input row names its stream and the
-- version the writer read (NULL = any); versions continue each stream's head in input order, and global positions
-- follow input order. A stale expected version raises SQLSTATE CSWEV; a concurrent writer that appended first trips
-- the unique (stream_id, stream_version) guard, exactly as append_events does.
CREATE FUNCTION append_events_many(p_events jsonb, p_metadata jsonb)
  RETURNS TABLE (out_event_id uuid, out_position bigint, out_transaction_id xid8, out_stream_version integer, out_recorded_ms float8)
  LANGUAGE plpgsql AS $$
DECLARE
  stale text;
BEGIN
  SELECT s.stream_id INTO stale
  FROM (SELECT x.stream_id, min(x.expected_version) AS expected_version
          FROM jsonb_to_recordset(p_events) AS x(stream_id text, expected_version integer)
         GROUP BY x.stream_id) s
  WHERE s.expected_version IS NOT NULL
    AND s.expected_version <> coalesce((SELECT max(h.stream_version) FROM events h WHERE h.stream_id = s.stream_id), 0)
  LIMIT 1;
  IF stale IS NOT NULL THEN
    RAISE EXCEPTION 'stream %: the expected version is stale', stale USING ERRCODE = 'CSWEV';
  END IF;

  RETURN QUERY
  WITH input AS (
    SELECT e.ordinality AS ord, e.stream_id, e.event_id, e.type, e.schema_version, e.data, e.occurred_at
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (stream_id text, event_id uuid, type text, schema_version integer,
           data jsonb, occurred_at timestamptz))
         WITH ORDINALITY AS e(stream_id, event_id, type, schema_version, data, occurred_at, ordinality)
  ), heads AS (
    SELECT s.stream_id, coalesce((SELECT max(h.stream_version) FROM events h WHERE h.stream_id = s.stream_id), 0) AS version
    FROM (SELECT DISTINCT i.stream_id FROM input i) s
  ), numbered AS (
    SELECT i.ord, i.stream_id, (h.version + row_number() OVER (PARTITION BY i.stream_id ORDER BY i.ord))::integer AS stream_version,
           i.event_id, i.type, i.schema_version, i.data, i.occurred_at
    FROM input i JOIN heads h ON h.stream_id = i.stream_id
  )
  INSERT INTO events AS ev (stream_id, stream_version, event_id, type, schema_version, data, metadata, occurred_at)
  SELECT n.stream_id, n.stream_version, n.event_id, n.type, n.schema_version, n.data, p_metadata, n.occurred_at
  FROM numbered n ORDER BY n.ord
  RETURNING ev.event_id, ev.global_position, ev.transaction_id, ev.stream_version,
            floor(extract(epoch FROM ev.recorded_at) * 1000)::float8;
END
$$;
