-- Double-entry credit ledger in integer micro-credits (1 credit = 1,000,000 micros).
-- Accounts carry running balances maintained in the same transaction as the transfers that
-- move them; the check constraints make an overspent balance impossible to store.
create table credit_accounts (
  id text primary key,
  organization_id text not null references organizations (id),
  kind text not null check (kind in ('organization_pool', 'project_budget', 'api_key_budget', 'provider_cost', 'grants')),
  owner_id text not null,
  limit_micros bigint check (limit_micros is null or limit_micros >= 0),
  reset_period text not null default 'never' check (reset_period in ('never', 'daily', 'weekly', 'monthly')),
  period_started_at timestamptz,
  debits_pending bigint not null default 0 check (debits_pending >= 0),
  debits_posted bigint not null default 0 check (debits_posted >= 0),
  credits_pending bigint not null default 0 check (credits_pending >= 0),
  credits_posted bigint not null default 0 check (credits_posted >= 0),
  period_debits_posted bigint not null default 0 check (period_debits_posted >= 0),
  closed_at timestamptz,
  unique (organization_id, kind, owner_id),
  -- A pool can never spend (pending or posted) more than it was credited.
  constraint pool_never_overspent check (
    kind <> 'organization_pool' or debits_pending + debits_posted <= credits_posted),
  -- A budget can never have more pending plus spent-this-period than its limit.
  constraint budget_never_exceeded check (
    kind not in ('project_budget', 'api_key_budget')
    or limit_micros is null
    or debits_pending + period_debits_posted <= limit_micros)
);

-- Immutable: never updated or deleted. A pending transfer is resolved by exactly one later
-- transfer (post, void or expire) that names it; the unique index makes a second resolution fail.
create table credit_transfers (
  id text primary key,
  sequence bigserial not null unique,
  organization_id text not null references organizations (id),
  kind text not null check (kind in ('grant', 'pending', 'post', 'void', 'expire')),
  debit_account_id text not null references credit_accounts (id),
  credit_account_id text not null references credit_accounts (id),
  amount_micros bigint not null check (amount_micros >= 0),
  pending_id text references credit_transfers (id),
  project_id text,
  api_key_id text,
  -- The budgets a hold counted against, copied onto its resolution, so that balances can be
  -- recomputed from transfers alone even after budgets change.
  project_budget_account_id text references credit_accounts (id),
  api_key_budget_account_id text references credit_accounts (id),
  video_id text,
  provider text,
  model text,
  seconds integer,
  resolution text,
  reason text,
  timeout_at timestamptz,
  created_at timestamptz not null default now(),
  check (debit_account_id <> credit_account_id),
  check ((kind in ('post', 'void', 'expire')) = (pending_id is not null)),
  check (kind <> 'pending' or timeout_at is not null)
);
create unique index credit_transfers_resolve_once on credit_transfers (pending_id) where pending_id is not null;
create index credit_transfers_by_organization on credit_transfers (organization_id, sequence);
create index credit_transfers_open_holds on credit_transfers (timeout_at) where kind = 'pending';

create or replace function credit_transfers_are_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'credit_transfers rows are immutable; record a correcting transfer instead';
end $$;
create trigger credit_transfers_no_update before update or delete on credit_transfers
  for each statement execute function credit_transfers_are_immutable();

alter table videos add column hold_id text;
alter table videos add column estimate_micros bigint;
alter table videos add column charged_micros bigint;

create table idempotency_keys (
  organization_id text not null references organizations (id),
  idempotency_key text not null,
  method text not null,
  path text not null,
  request_sha256 text not null,
  status_code integer,
  content_type text,
  response_body bytea,
  response_headers text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (organization_id, idempotency_key)
);
create index idempotency_keys_expiry on idempotency_keys (expires_at);
