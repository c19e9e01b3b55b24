-- A storyboard's shots know their board: the board's holds are placed together and a shot's
-- failover re-prices inside its part of them.
alter table videos add column storyboard_id text;
create index videos_storyboard on videos (storyboard_id) where storyboard_id is not null;

-- Cluster-wide submission rate per provider: a token bucket per provider, read and written by the
-- claim of queued jobs under one advisory lock (so every node sees one bucket).
create table provider_rate_buckets (
  provider text primary key,
  tokens double precision not null,
  refilled_at timestamptz not null
);

-- The claim counts running jobs per organisation and provider on every claim of queued work.
create index videos_running on videos (organization_id, provider)
  where deleted_at is null and phase in ('queued', 'submitted', 'downloading');
