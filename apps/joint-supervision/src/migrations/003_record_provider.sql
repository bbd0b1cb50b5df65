-- Which organisation provided each record version: a regulator proposes list entries only on its own department's
-- records (PRODUCT.md §1 and §6: an organisation only ever touches its own organisation's things).
ALTER TABLE record_facts ADD COLUMN provider_org text;
