-- The segments of an extend chain (a video longer than its model's maximum): one row per segment
-- submitted, completed once its output is stored. A node that takes a chain over continues after
-- the last completed segment instead of rendering the finished ones again.
create table video_segments (
  video_id text not null references videos (id) on delete cascade,
  segment_index integer not null check (segment_index >= 0),
  model text not null,
  provider text not null,
  method text not null check (method in ('first', 'native_extend', 'last_frame')),
  seconds integer not null check (seconds > 0),
  provider_handle text not null,
  video_sha256 text,
  submitted_at timestamptz not null,
  completed_at timestamptz,
  primary key (video_id, segment_index)
);

-- OpenAI-compatible characters: a reusable identity reference per organisation, made from a short
-- video; its still (a frame of the video) is sent as a character reference with every segment.
create table video_characters (
  id text primary key,
  organization_id text not null references organizations (id),
  name text not null,
  video_sha256 text not null,
  image_sha256 text not null,
  created_at timestamptz not null
);
create index video_characters_by_organization on video_characters (organization_id, created_at);
