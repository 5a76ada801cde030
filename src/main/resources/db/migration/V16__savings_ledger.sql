-- The savings programme's money: an append-only, double-entry ledger in integer cents. Every business transaction
-- (a purchase that earns credit, a conversion of credit into a voucher, a voucher spent, a reversal or a city
-- correction) is one row of savings_ledger_transaction and two or more balanced rows of savings_ledger_entry.

-- Limits at the counter, per programme. Null means no limit.
alter table savings_programme
    -- The largest purchase one scan may register.
    add column max_purchase_cents        bigint  check (max_purchase_cents > 0),
    -- The most a card may register at one merchant on one business day (sum of purchases).
    add column max_daily_purchase_cents  bigint  check (max_daily_purchase_cents > 0),
    -- How long the merchant may reverse its own transaction; later corrections are for the city.
    add column reversal_window_minutes   integer not null default 15 check (reversal_window_minutes between 0 and 1440);

create table savings_ledger_transaction (
    id               uuid         primary key,
    tenant_id        uuid         not null references tenant (id),
    programme_id     uuid         not null,
    kind             varchar(16)  not null check (kind in ('EARN', 'REDEEM', 'CONVERSION', 'REVERSAL', 'CORRECTION')),
    card_id          uuid         not null,
    -- The merchant at whose counter it happened (EARN, REDEEM, its REVERSAL), or whose transaction the city
    -- corrected (CORRECTION); null for conversions.
    merchant_id      uuid,
    device_id        uuid,
    cashier_id       uuid         references user_account (id),
    -- Staff member who posted a correction or started a conversion.
    actor_id         uuid         references user_account (id),
    -- EARN: the purchase amount typed at the counter.
    purchase_cents   bigint       check (purchase_cents > 0),
    -- Credit earned, voucher redeemed, credit converted, or amount compensated.
    amount_cents     bigint       not null check (amount_cents >= 0),
    -- EARN: the credit was cut at the card's cap.
    capped           boolean      not null default false,
    -- REVERSAL and CORRECTION: the transaction compensated (never more than its amount, in total).
    reverses_id      uuid,
    reason           varchar(500),
    -- Exactly once: a retried request carries the same key and finds this row through the unique constraint.
    -- Keys are scoped per merchant (the app makes one per scan); conversions and corrections use null.
    idempotency_key  varchar(100) not null,
    -- SHA-256 of the request's meaningful fields: the same key with another request is refused.
    request_hash     char(64)     not null,
    currency         char(3)      not null,
    -- The business date in the tenant's zone (phases, daily limits) and the moment it was recorded.
    business_date    date         not null,
    created_at       timestamptz  not null,
    unique (tenant_id, id),
    unique nulls not distinct (tenant_id, merchant_id, idempotency_key),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id),
    foreign key (tenant_id, card_id) references savings_card (tenant_id, id),
    foreign key (tenant_id, merchant_id) references savings_merchant (tenant_id, id),
    foreign key (tenant_id, device_id) references savings_merchant_device (tenant_id, id),
    foreign key (tenant_id, reverses_id) references savings_ledger_transaction (tenant_id, id),
    check ((kind in ('REVERSAL', 'CORRECTION')) = (reverses_id is not null)),
    check ((kind = 'EARN') = (purchase_cents is not null))
);
create index savings_ledger_transaction_card on savings_ledger_transaction (card_id, business_date);
create index savings_ledger_transaction_merchant on savings_ledger_transaction (tenant_id, merchant_id, created_at desc);
create index savings_ledger_transaction_reverses on savings_ledger_transaction (reverses_id) where reverses_id is not null;
create index savings_ledger_transaction_programme on savings_ledger_transaction (tenant_id, programme_id, kind);

create table savings_ledger_entry (
    id              bigint       generated always as identity primary key,
    tenant_id       uuid         not null references tenant (id),
    transaction_id  uuid         not null,
    -- CARD_CREDIT and CARD_VOUCHER belong to a card, MERCHANT_PAYABLE to a merchant (what the city owes it),
    -- PROGRAMME_FUNDING to the programme (the city's side of every credit and voucher).
    account         varchar(20)  not null
                        check (account in ('CARD_CREDIT', 'CARD_VOUCHER', 'MERCHANT_PAYABLE', 'PROGRAMME_FUNDING')),
    owner_id        uuid         not null,
    amount_cents    bigint       not null check (amount_cents <> 0),
    foreign key (tenant_id, transaction_id) references savings_ledger_transaction (tenant_id, id)
);
create index savings_ledger_entry_transaction on savings_ledger_entry (transaction_id);
create index savings_ledger_entry_account on savings_ledger_entry (account, owner_id);

-- Append-only: nothing rewrites or removes a movement; corrections are new transactions.
create function savings_ledger_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'the savings ledger is append-only (% on %)', tg_op, tg_table_name
        using errcode = 'restrict_violation';
end $$;
create trigger savings_ledger_transaction_append_only before update or delete on savings_ledger_transaction
    for each row execute function savings_ledger_append_only();
create trigger savings_ledger_entry_append_only before update or delete on savings_ledger_entry
    for each row execute function savings_ledger_append_only();

-- A card's balances, kept in the same database transaction as its entries (a projection the reconciliation
-- compares with the entries). Locking this row serialises every write to one card; the checks make a credit
-- above the cap or a negative voucher impossible whatever the code does.
create table savings_card_balance (
    card_id        uuid         primary key,
    tenant_id      uuid         not null references tenant (id),
    programme_id   uuid         not null,
    -- The category's cap when the row was made; kept equal to it when the city changes the cap.
    cap_cents      bigint       not null check (cap_cents >= 0),
    credit_cents   bigint       not null default 0,
    voucher_cents  bigint       not null default 0,
    currency       char(3)      not null,
    updated_at     timestamptz  not null,
    foreign key (tenant_id, card_id) references savings_card (tenant_id, id),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id),
    check (credit_cents >= 0 and credit_cents <= cap_cents),
    check (voucher_cents >= 0)
);
create index savings_card_balance_programme on savings_card_balance (tenant_id, programme_id);
