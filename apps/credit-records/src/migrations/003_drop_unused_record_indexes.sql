-- Indexes no query uses cost every batch insert (ADR 0008): aliases are read by subject key, records by id, USCC or
-- provider. Add an index back together with the query that needs it.
DROP INDEX IF EXISTS subjects_aliases;
DROP INDEX IF EXISTS records_by_subject;
