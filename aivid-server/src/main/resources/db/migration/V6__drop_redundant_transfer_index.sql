-- bigserial already makes sequence unique; ledger pages use (organization_id, sequence). The extra
-- unique index cost one more b-tree insert per transfer on the hold hot path.
alter table credit_transfers drop constraint if exists credit_transfers_sequence_key;
