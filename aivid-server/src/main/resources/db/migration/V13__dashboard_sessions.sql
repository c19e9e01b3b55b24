-- Dashboard sign-in sessions: only a SHA-256 of the random session id is stored, so a leaked
-- table cannot be replayed as cookies. The session acts as the API key it was opened with.
create table dashboard_sessions (
  id_sha256 bytea primary key,
  organization_id text not null references organizations (id),
  api_key_id text not null references api_keys (id),
  csrf_token text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index dashboard_sessions_expiry on dashboard_sessions (expires_at);
