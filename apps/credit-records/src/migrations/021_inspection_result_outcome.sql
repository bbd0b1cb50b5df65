-- An inspection result the records could not accept (organiser not authorised for inspection_result, bad dates) is
-- kept with its errors instead of a record, so a redelivery does not try again and the operator can see why.
ALTER TABLE inspection_result_records ALTER COLUMN record_id DROP NOT NULL;
ALTER TABLE inspection_result_records ADD COLUMN status text NOT NULL DEFAULT 'accepted';
ALTER TABLE inspection_result_records ADD COLUMN errors jsonb;
ALTER TABLE inspection_result_records ADD COLUMN received_at timestamptz NOT NULL DEFAULT now();
