-- Data-quality counters as one appended row per submission instead of per-provider totals updated in place: every
-- submission of a provider updated the same rows, so concurrent submissions queued on their row locks until each
-- other's commit (ADR 0008). Reads sum the rows. The totals gathered so far move over as one row per provider.
CREATE TABLE provider_quality_entries (
  entry_id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  provider_org       text        NOT NULL,
  recorded_at        timestamptz NOT NULL DEFAULT now(),
  -- rows by code: ACCEPTED, REJECTED and each rejection code (a row counts once per code it has)
  codes              jsonb       NOT NULL,
  measured           integer     NOT NULL DEFAULT 0,
  on_time            integer     NOT NULL DEFAULT 0,
  working_days_total integer     NOT NULL DEFAULT 0,
  not_measured       integer     NOT NULL DEFAULT 0
);
CREATE INDEX provider_quality_entries_by_org ON provider_quality_entries (provider_org);

INSERT INTO provider_quality_entries (provider_org, codes)
SELECT provider_org, jsonb_object_agg(code, rows) FROM provider_quality GROUP BY provider_org;
INSERT INTO provider_quality_entries (provider_org, codes, measured, on_time, working_days_total, not_measured)
SELECT provider_org, '{}'::jsonb, measured, on_time, working_days_total, not_measured FROM provider_timeliness;

DROP TABLE provider_quality;
DROP TABLE provider_timeliness;
