-- The card's balances right after a transaction, as its receipt showed them: a retry with the same idempotency key
-- gets the very same receipt without summing the card's entries again. Null on rows the ledger's counter calls did
-- not write (conversions post their own).
alter table savings_ledger_transaction
    add column credit_after_cents   bigint,
    add column voucher_after_cents  bigint;
