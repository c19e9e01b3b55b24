-- The group-commit writer holds FOR UPDATE locks on exactly the accounts a batch references, so
-- per-row foreign-key checks on credit_transfers only repeat what the writer guarantees — at about
-- 40% of the insert cost (aivid bench ledger). `aivid credits verify` checks every reference instead.
alter table credit_transfers drop constraint if exists credit_transfers_organization_id_fkey;
alter table credit_transfers drop constraint if exists credit_transfers_debit_account_id_fkey;
alter table credit_transfers drop constraint if exists credit_transfers_credit_account_id_fkey;
alter table credit_transfers drop constraint if exists credit_transfers_pending_id_fkey;
alter table credit_transfers drop constraint if exists credit_transfers_project_budget_account_id_fkey;
alter table credit_transfers drop constraint if exists credit_transfers_api_key_budget_account_id_fkey;
