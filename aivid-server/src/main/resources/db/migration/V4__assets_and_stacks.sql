create table assets (
  id text primary key,
  sequence bigserial not null unique,
  organization_id text not null references organizations (id),
  sha256 text not null references blobs (sha256),
  content_type text not null,
  media_type text not null,
  name text,
  size_bytes bigint not null check (size_bytes >= 0),
  metadata jsonb not null,
  created_at timestamptz not null,
  deleted_at timestamptz
);
-- One live asset per content per organisation: uploading the same bytes again returns it.
create unique index assets_deduplicated on assets (organization_id, sha256) where deleted_at is null;

create table stacks (
  id text primary key,
  sequence bigserial not null unique,
  organization_id text not null references organizations (id),
  prompt text not null,
  entries jsonb not null,
  mentions jsonb not null,
  created_at timestamptz not null
);
