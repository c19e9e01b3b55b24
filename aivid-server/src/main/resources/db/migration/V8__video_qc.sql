-- What quality control found in each rendered output, local or from a provider; a failed check on
-- a provider's output moves the job to its next candidate.
create table video_qc (
  video_id text not null references videos (id) on delete cascade,
  attempt integer not null,
  model text not null,
  passes boolean not null,
  report jsonb not null,
  checked_at timestamptz not null,
  primary key (video_id, attempt)
);
