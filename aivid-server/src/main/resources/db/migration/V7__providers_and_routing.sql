-- One organisation's secrets for one provider, sealed with AES-GCM under the node's secret key.
-- Only the ciphertext and the field names are stored; the values never leave the server.
create table provider_credentials (
  organization_id text not null references organizations (id),
  provider text not null,
  field_names text[] not null,
  nonce bytea not null,
  ciphertext bytea not null,
  key_id text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (organization_id, provider)
);

-- How a job was routed and what it sends: the decision with every candidate and its reasons,
-- the ordered fallbacks still to try, the provider-neutral shot plan and the control verdicts.
create table video_routing (
  video_id text primary key references videos (id) on delete cascade,
  requested_model text not null,
  policy text not null,
  decision jsonb not null,
  fallbacks text[] not null,
  shot_plan jsonb not null,
  verdicts jsonb not null default '[]'::jsonb,
  notes jsonb not null default '[]'::jsonb,
  switches integer not null default 0 check (switches >= 0)
);
