-- One organisation per USCC: the registration reserves the code in the same transaction as its event, so two
-- concurrent registrations of one code cannot both succeed.
CREATE TABLE organization_usccs (
  uscc            text PRIMARY KEY,
  organization_id text NOT NULL UNIQUE
);
