-- Webhook endpoints of an organisation (Standard Webhooks, https://www.standardwebhooks.com).
-- The signing secret is sealed with AES-GCM under the node's secret key; it is shown once, at creation.
create table webhook_endpoints (
  id text primary key,
  organization_id text not null references organizations (id),
  url text not null,
  description text,
  events text[] not null check (cardinality(events) > 0),
  secret_nonce bytea not null,
  secret_ciphertext bytea not null,
  secret_key_id text not null,
  created_at timestamptz not null
);
create index webhook_endpoints_by_organization on webhook_endpoints (organization_id, created_at);

-- The outbox and the delivery log: one row per event and endpoint, written in the transaction that
-- produced the event, claimed with FOR UPDATE SKIP LOCKED and a lease by any node's dispatcher.
-- payload holds the exact bytes that are signed and sent on every attempt.
-- window_started_at / window_attempts: when the current retry window began (the first attempt, or the
-- first after a manual redelivery) and how many attempts it has had; retries stop 24 h after its start.
create table webhook_deliveries (
  id text primary key,
  sequence bigint generated always as identity,
  endpoint_id text not null references webhook_endpoints (id) on delete cascade,
  organization_id text not null references organizations (id),
  event_id text not null,
  event_type text not null,
  payload text not null,
  status text not null check (status in ('pending', 'delivered', 'failed')),
  attempt_count integer not null default 0 check (attempt_count >= 0),
  window_started_at timestamptz,
  window_attempts integer not null default 0 check (window_attempts >= 0),
  next_attempt_at timestamptz,
  last_response_code integer,
  last_error text,
  delivered_at timestamptz,
  claimed_by text,
  claimed_until timestamptz,
  created_at timestamptz not null,
  unique (event_id, endpoint_id),
  check ((status = 'pending') = (next_attempt_at is not null))
);
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'pending';
create index webhook_deliveries_by_endpoint on webhook_deliveries (endpoint_id, sequence);

-- Every attempt of a delivery, successful or not.
create table webhook_attempts (
  delivery_id text not null references webhook_deliveries (id) on delete cascade,
  attempt integer not null check (attempt > 0),
  attempted_at timestamptz not null,
  response_code integer,
  error text,
  duration_millis integer not null check (duration_millis >= 0),
  primary key (delivery_id, attempt)
);

-- The pool balance last seen after a post, so credits.low fires once per crossing of the threshold.
-- Null columns: never observed (the row exists only to be locked).
create table webhook_credit_alerts (
  organization_id text primary key references organizations (id),
  available_micros bigint,
  granted_micros bigint,
  observed_at timestamptz
);
