-- Every claim reads running work (submitted renders to poll, outputs to fetch) in run_at order,
-- counts the running renders per organisation and provider, and picks the oldest due queued
-- jobs of every organisation and provider. Through videos_due and videos_running each of these
-- read every queued row (about 100 ms a claim, under the cluster-wide claim lock, with 100,000
-- jobs queued); with these indexes each reads only the rows it needs.
drop index if exists videos_running;
create index videos_submitted on videos (run_at) where deleted_at is null and phase = 'submitted';
create index videos_downloading on videos (run_at) where deleted_at is null and phase = 'downloading';
-- Queued rows under a claim count as running; a claim ends by clearing claimed_until.
create index videos_queued_claimed on videos (organization_id, provider)
  where deleted_at is null and phase = 'queued' and claimed_until is not null;
create index videos_queued_by_group on videos (organization_id, provider, run_at, sequence)
  where deleted_at is null and phase = 'queued';
