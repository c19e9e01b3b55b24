-- Previews: low-resolution renders of a stack, made on request and never charged.
create table previews (
  id text primary key,
  organization_id text not null references organizations (id),
  video_sha256 text not null references blobs (sha256),
  poster_sha256 text not null references blobs (sha256),
  contact_sheet_sha256 text not null references blobs (sha256),
  summary jsonb not null,
  created_at timestamptz not null
);
create index previews_by_organization on previews (organization_id, created_at);
