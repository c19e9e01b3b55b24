-- A storyboard: ordered shots (each a video job of its own, routed per shot) fanned in to one
-- stitched cut. Claimed with SKIP LOCKED and a lease, so one node fans each board in.
create table storyboards (
  id text primary key,
  organization_id text not null references organizations (id),
  project_id text,
  api_key_id text not null,
  status text not null check (status in ('rendering', 'stitching', 'completed', 'failed')),
  plan jsonb not null,
  stitch_id text,
  error_code text,
  error_message text,
  claimed_until timestamptz,
  created_at timestamptz not null,
  completed_at timestamptz
);
create index storyboards_due on storyboards (status) where status in ('rendering', 'stitching');
