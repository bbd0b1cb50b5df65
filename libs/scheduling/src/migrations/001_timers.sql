-- Durable timers: a deadline or expiry is a row with the instant it falls due; the scheduler wakes for the earliest
-- one instead of polling every subject. A timer id is chosen by the caller (e.g. record-expiry:<record id>), so
-- scheduling the same thing again moves it rather than duplicating it.
CREATE TABLE timers (
  timer_id   text        PRIMARY KEY,
  kind       text        NOT NULL,
  due_at     timestamptz NOT NULL,
  payload    jsonb       NOT NULL,
  attempts   integer     NOT NULL DEFAULT 0,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX timers_due ON timers (due_at);
