-- Card payments through Stripe Connect. Owned by the membership module (membership.card).

-- The tenant's connected Stripe account (one per tourism office): created by the platform, completed by the office
-- on Stripe's onboarding pages, kept up to date on return and by the account.updated webhook.
create table membership_stripe_account (
    tenant_id          uuid         primary key references tenant (id),
    account_id         varchar(255) not null unique,
    charges_enabled    boolean      not null default false,
    details_submitted  boolean      not null default false,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);

-- Checkout Sessions created for orders (direct charges on the connected account). One open session per order and
-- balance is reused rather than created again.
create table membership_stripe_checkout (
    session_id             varchar(255) primary key,
    tenant_id              uuid         not null references tenant (id),
    order_id               uuid         not null,
    account_id             varchar(255) not null,
    amount_cents           bigint       not null check (amount_cents > 0),
    application_fee_cents  bigint       not null check (application_fee_cents >= 0),
    currency               char(3)      not null,
    status                 varchar(9)   not null check (status in ('OPEN', 'COMPLETED', 'EXPIRED')),
    url                    varchar(2000),
    payment_intent         varchar(255),
    created_at             timestamptz  not null,
    expires_at             timestamptz,
    updated_at             timestamptz  not null,
    foreign key (tenant_id, order_id) references membership_order (tenant_id, id)
);
create index membership_stripe_checkout_order on membership_stripe_checkout (tenant_id, order_id, created_at);

-- Every Stripe event received, by its id: a replayed or re-delivered event finds its row and changes nothing.
-- Inserted in the same transaction as the event's effects, so a failure leaves no row and Stripe's retry runs again.
create table membership_stripe_event (
    event_id     varchar(255) primary key,
    type         varchar(100) not null,
    account_id   varchar(255),
    tenant_id    uuid,
    received_at  timestamptz  not null,
    -- PROCESSED, IGNORED (no handler or nothing to do), UNKNOWN_ACCOUNT
    outcome      varchar(20)  not null
);
