-- The audit ledger (PRODUCT.md §3.8, ADR 0007): an RFC 9162 Merkle log whose leaves are the canonical JSON of every
-- integration event this service receives.
--
-- ledger_queue       what the consumer received, in the inbox transaction; not yet in the log. The only table rows
--                    leave: the sequencer moves them into ledger_leaves.
-- ledger_leaves      the log: leaf i holds the exact leaf bytes hashed as leaf i.
-- ledger_nodes       every perfect subtree hash, stored once when its last leaf arrives, so a proof for any past tree
--                    size is a handful of primary-key reads.
-- ledger_checkpoints signed (tree size, root, time), one per sequencing transaction, numbered without gaps.
-- ledger_head        the sequencer's position; its row lock serialises sequencers.

CREATE TABLE ledger_queue (
  id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  message_id uuid        NOT NULL,
  subject    text        NOT NULL,
  leaf       bytea       NOT NULL,
  queued_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ledger_leaves (
  leaf_index bigint NOT NULL PRIMARY KEY CHECK (leaf_index >= 0),
  message_id uuid   NOT NULL,
  subject    text   NOT NULL,
  leaf       bytea  NOT NULL,
  -- A message is recorded once; the inbox already guarantees it, this says so in the schema.
  CONSTRAINT ledger_leaves_message_id_key UNIQUE (message_id)
);

CREATE TABLE ledger_nodes (
  level      smallint NOT NULL CHECK (level BETWEEN 0 AND 63),
  node_index bigint   NOT NULL CHECK (node_index >= 0),
  hash       bytea    NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, node_index)
);

CREATE TABLE ledger_checkpoints (
  seq        bigint NOT NULL PRIMARY KEY CHECK (seq > 0),
  tree_size  bigint NOT NULL CHECK (tree_size >= 0),
  root_hash  bytea  NOT NULL CHECK (length(root_hash) = 32),
  -- Exactly as signed: RFC 3339 UTC with milliseconds.
  signed_at  text   NOT NULL,
  key_id     text   NOT NULL,
  signature  bytea  NOT NULL
);
CREATE INDEX ledger_checkpoints_tree_size ON ledger_checkpoints (tree_size);

CREATE TABLE ledger_head (
  singleton      boolean     PRIMARY KEY DEFAULT true CHECK (singleton),
  tree_size      bigint      NOT NULL,
  root_hash      bytea       NOT NULL,
  checkpoint_seq bigint      NOT NULL,
  updated_at     timestamptz NOT NULL DEFAULT now()
);
-- The empty tree (RFC 9162 §2.1.1: SHA-256 of the empty string); its checkpoint is signed at the first start.
INSERT INTO ledger_head (tree_size, root_hash, checkpoint_seq)
VALUES (0, decode('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'hex'), 0);

-- Append-only, as the events table (ADR 0001): privileges for ordinary roles, a trigger for everyone. Someone who
-- disables the trigger as a superuser can still change rows; `npx credit-share audit verify` then finds them.
CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit ledger is append-only: % refused on %.%', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER ledger_leaves_append_only BEFORE UPDATE OR DELETE ON ledger_leaves
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_leaves_no_truncate BEFORE TRUNCATE ON ledger_leaves
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_nodes_append_only BEFORE UPDATE OR DELETE ON ledger_nodes
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_nodes_no_truncate BEFORE TRUNCATE ON ledger_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_is_append_only();

REVOKE UPDATE, DELETE, TRUNCATE ON ledger_leaves, ledger_nodes, ledger_checkpoints FROM PUBLIC;
DO $$ BEGIN
  EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON ledger_leaves, ledger_nodes, ledger_checkpoints FROM %I', current_user);
END $$;
