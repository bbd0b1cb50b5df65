-- append_events_many without head lookups for new streams (ADR 0008): a stream expected at version 0 starts at 1,
-- and the unique (stream_id, stream_version) guard alone refuses it if it exists already. A batch of new records is
-- all new streams, so it no longer probes the index twice per stream before inserting.
CREATE OR REPLACE FUNCTION append_events_many(p_events jsonb, p_metadata jsonb)
  RETURNS TABLE (out_event_id uuid, out_position bigint, out_transaction_id xid8, out_stream_version integer, out_recorded_ms float8)
  LANGUAGE plpgsql AS $$
DECLARE
  stale text;
BEGIN
  SELECT s.stream_id INTO stale
  FROM (SELECT x.stream_id, min(x.expected_version) AS expected_version
          FROM jsonb_to_recordset(p_events) AS x(stream_id text, expected_version integer)
         WHERE x.expected_version IS NOT NULL AND x.expected_version <> 0
         GROUP BY x.stream_id) s
  WHERE s.expected_version <> coalesce((SELECT max(h.stream_version) FROM events h WHERE h.stream_id = s.stream_id), 0)
  LIMIT 1;
  IF stale IS NOT NULL THEN
    RAISE EXCEPTION 'stream %: the expected version is stale', stale USING ERRCODE = 'CSWEV';
  END IF;

  RETURN QUERY
  WITH input AS (
    SELECT e.ordinality AS ord, e.stream_id, e.expected_version, e.event_id, e.type, e.schema_version, e.data, e.occurred_at
    FROM ROWS FROM (jsonb_to_recordset(p_events) AS (stream_id text, expected_version integer, event_id uuid, type text,
           schema_version integer, data jsonb, occurred_at timestamptz))
         WITH ORDINALITY AS e(stream_id, expected_version, event_id, type, schema_version, data, occurred_at, ordinality)
  ), heads AS (
    SELECT s.stream_id,
           CASE WHEN s.expected_version = 0 THEN 0
                ELSE coalesce((SELECT max(h.stream_version) FROM events h WHERE h.stream_id = s.stream_id), 0) END AS version
    FROM (SELECT i.stream_id, min(coalesce(i.expected_version, -1)) AS expected_version FROM input i GROUP BY i.stream_id) s
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
