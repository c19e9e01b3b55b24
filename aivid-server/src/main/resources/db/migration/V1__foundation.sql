create table organizations (
  id text primary key,
  name text not null unique,
  created_at timestamptz not null default now()
);

create table projects (
  id text primary key,
  organization_id text not null references organizations (id),
  name text not null,
  created_at timestamptz not null default now(),
  unique (organization_id, name)
);

create table api_keys (
  id text primary key,
  organization_id text not null references organizations (id),
  project_id text references projects (id),
  name text not null,
  prefix text not null unique,
  secret_sha256 bytea not null,
  role text not null check (role in ('admin', 'member')),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);

create table blobs (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes >= 0),
  media_type text not null,
  created_at timestamptz not null default now()
);

create table videos (
  id text primary key,
  sequence bigserial not null unique,
  organization_id text not null references organizations (id),
  project_id text references projects (id),
  api_key_id text references api_keys (id),
  model text not null,
  provider text not null,
  prompt text not null,
  seconds integer not null check (seconds > 0),
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  seed bigint not null,
  input_reference_sha256 text references blobs (sha256),
  remixed_from_video_id text references videos (id),
  phase text not null check (phase in ('queued', 'submitted', 'downloading', 'completed', 'failed', 'cancelled')),
  progress integer not null default 0 check (progress between 0 and 100),
  provider_handle text,
  video_sha256 text references blobs (sha256),
  thumbnail_sha256 text references blobs (sha256),
  spritesheet_sha256 text references blobs (sha256),
  error_code text,
  error_message text,
  created_at timestamptz not null,
  completed_at timestamptz,
  expires_at timestamptz,
  deleted_at timestamptz,
  run_at timestamptz not null,
  claimed_by text,
  claimed_until timestamptz,
  attempts integer not null default 0
);

create index videos_due on videos (run_at)
  where deleted_at is null and phase in ('queued', 'submitted', 'downloading');
create index videos_by_organization on videos (organization_id, sequence) where deleted_at is null;

create table video_transitions (
  id bigserial primary key,
  video_id text not null references videos (id),
  phase text not null,
  detail text,
  at timestamptz not null default now()
);
create index video_transitions_by_video on video_transitions (video_id, id);
