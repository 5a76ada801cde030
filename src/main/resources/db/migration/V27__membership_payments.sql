-- Payments of membership orders. Owned by the membership module (membership.payment).

-- How a tourism office takes payments: each method on or off, with the instructions the professional reads on
-- screen, in the confirmation e-mail and on the pro-forma / invoice.
create table membership_payment_settings (
    tenant_id          uuid         primary key references tenant (id),
    transfer_enabled   boolean      not null default false,
    account_holder     varchar(140),
    iban               varchar(34),
    bic                varchar(11),
    cheque_enabled     boolean      not null default false,
    cheque_payee       varchar(140),
    cheque_address     varchar(500),
    cash_enabled       boolean      not null default false,
    -- Where and when cash is taken, per language: {"fr": "…", "nl": "…", "en": "…"}
    cash_instructions  jsonb        not null default '{}'::jsonb,
    card_enabled       boolean      not null default false,
    -- Payment is due this many days after the order (or the invoice, when it is issued at order).
    due_days           integer      not null default 30 check (due_days between 0 and 365),
    updated_by         uuid,
    updated_at         timestamptz  not null
);

-- The methods a campaign offers, among those the tenant has switched on. No row for a campaign = every method the
-- tenant has switched on.
create table membership_campaign_payment_method (
    tenant_id    uuid        not null,
    campaign_id  uuid        not null,
    method       varchar(8)  not null check (method in ('TRANSFER', 'CHEQUE', 'CASH', 'CARD')),
    primary key (tenant_id, campaign_id, method),
    foreign key (tenant_id, campaign_id) references membership_campaign (tenant_id, id) on delete cascade
);

-- What an order has received, kept in the same transaction as its payments (which lock the order row first).
alter table membership_order
    add column due_date            date,
    -- ISO 11649 creditor reference for bank transfers (RF + check digits + order reference).
    add column creditor_reference  varchar(25),
    add column paid_cents          bigint not null default 0 check (paid_cents >= 0),
    add column refunded_cents      bigint not null default 0 check (refunded_cents >= 0),
    add column status_changed_at   timestamptz;
create unique index membership_order_creditor_reference on membership_order (tenant_id, creditor_reference)
    where creditor_reference is not null;

-- Money received for an order and money given back: append-only; a mistake is corrected by a refund entry.
create table membership_payment (
    id                 uuid         primary key,
    tenant_id          uuid         not null references tenant (id),
    order_id           uuid         not null,
    kind               varchar(8)   not null check (kind in ('PAYMENT', 'REFUND')),
    method             varchar(8)   not null check (method in ('TRANSFER', 'CHEQUE', 'CASH', 'CARD')),
    amount_cents       bigint       not null check (amount_cents > 0),
    currency           char(3)      not null,
    -- The part of a payment above what was due, recorded only when staff say so explicitly.
    overpaid_cents     bigint       not null default 0 check (overpaid_cents >= 0 and overpaid_cents <= amount_cents),
    received_on        date         not null,
    reference          varchar(140),
    cheque_number      varchar(40),
    -- The payment provider's id (Stripe payment intent or refund), when there is one.
    external_id        varchar(255),
    -- A refund names the payment it gives back.
    refunds_payment_id uuid,
    reason             varchar(500),
    -- Retries of the same request (a double-clicked form, a replayed webhook) hit this key, not a second row.
    idempotency_key    varchar(200) not null,
    recorded_by        uuid,
    recorded_at        timestamptz  not null,
    unique (tenant_id, id),
    unique (tenant_id, idempotency_key),
    foreign key (tenant_id, order_id) references membership_order (tenant_id, id),
    foreign key (tenant_id, refunds_payment_id) references membership_payment (tenant_id, id)
);
create index membership_payment_order on membership_payment (tenant_id, order_id, recorded_at);
create index membership_payment_received on membership_payment (tenant_id, received_on);

create function membership_payment_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'membership payments are append-only (% on %)', tg_op, tg_table_name
        using errcode = 'restrict_violation';
end $$;
create trigger membership_payment_append_only before update or delete on membership_payment
    for each row execute function membership_payment_append_only();

-- The order's timeline: every state change and every thing done to it, by whom (staff, professional, provider).
create table membership_order_event (
    id          uuid         primary key,
    tenant_id   uuid         not null references tenant (id),
    order_id    uuid         not null,
    at          timestamptz  not null,
    -- placed, payment.recorded, refund.recorded, status.changed, invoice.issued, credit-note.issued, card.checkout…
    kind        varchar(40)  not null,
    -- The account that did it; null for the payment provider or the system.
    actor_id    uuid,
    details     jsonb        not null default '{}'::jsonb,
    foreign key (tenant_id, order_id) references membership_order (tenant_id, id)
);
create index membership_order_event_order on membership_order_event (tenant_id, order_id, at);
