-- The retention sweep reads completed outputs by their expiry (AIVID_VIDEO_RETENTION_DAYS).
create index videos_expiring on videos (expires_at)
  where deleted_at is null and phase = 'completed' and expires_at is not null;
