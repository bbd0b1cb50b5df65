-- Each service's copy of the organisation directory (owned by credit-records), used to authorise requests.
CREATE TABLE organizations (
  id              text        PRIMARY KEY,
  name            text        NOT NULL,
  type            text        NOT NULL,
  uscc            text        NOT NULL,
  catalogue_items text[]      NOT NULL,
  sharing_classes text[]      NOT NULL,
  -- Number of directory events applied to this row: a duplicate delivery would show as a version too many.
  version         integer     NOT NULL,
  registered_at   timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);
CREATE INDEX organizations_uscc ON organizations (uscc);
