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
