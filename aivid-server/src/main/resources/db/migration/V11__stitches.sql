-- Stitched cuts of an organisation's completed videos, with their edit decision lists.
create table stitches (
  id text primary key,
  organization_id text not null references organizations (id),
  video_sha256 text not null references blobs (sha256),
  edl_cmx3600 text not null,
  summary jsonb not null,
  created_at timestamptz not null
);
create index stitches_by_organization on stitches (organization_id, created_at);
