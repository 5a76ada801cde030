-- Conversion of a programme's credit into vouchers at its conversion date: every dry run and every execution is a
-- row here, with the figures shown to the city. The ledger itself (CONVERSION transactions, idempotency key
-- 'conversion:' || card_id) guarantees a card is converted once; this table keeps the run's resume position and
-- running totals, written in the same database transaction as each chunk of cards.
create table savings_conversion (
    id               uuid         primary key,
    tenant_id        uuid         not null references tenant (id),
    programme_id     uuid         not null,
    status           varchar(16)  not null check (status in ('DRY_RUN', 'RUNNING', 'DONE', 'FAILED')),
    -- The dry run's figures per category and in total (DRY_RUN rows; an execution copies the one it follows).
    dry_run          jsonb,
    -- The execution's job and the dry run it was confirmed from.
    job_id           uuid,
    dry_run_id       uuid,
    -- Resume position: the last card of the last committed chunk (cards are converted in card id order).
    last_card_id     uuid,
    -- Running totals of this execution, committed with each chunk.
    cards_total      bigint       not null default 0,
    cards_converted  bigint       not null default 0,
    converted_cents  bigint       not null default 0,
    cards_at_cap     bigint       not null default 0,
    -- Balances of the programme when the execution started (before its first chunk).
    credit_before_cents  bigint,
    voucher_before_cents bigint,
    -- The reconciliation report once DONE.
    report           jsonb,
    requested_by     uuid         references user_account (id),
    created_at       timestamptz  not null,
    finished_at      timestamptz,
    unique (tenant_id, id),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id)
);
create index savings_conversion_programme on savings_conversion (tenant_id, programme_id, created_at desc);
-- One execution at a time per programme.
create unique index savings_conversion_running on savings_conversion (tenant_id, programme_id) where status = 'RUNNING';
