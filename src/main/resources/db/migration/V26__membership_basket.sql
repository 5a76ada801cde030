-- The professionals' baskets and the orders placed from them. Owned by the membership module (membership.extranet).
-- A basket belongs to the establishment, not to the person: any professional acting for it resumes it.
create table membership_basket (
    id                uuid        primary key,
    tenant_id         uuid        not null references tenant (id),
    campaign_id       uuid        not null,
    establishment_id  uuid        not null,
    updated_by        uuid,
    updated_at        timestamptz not null,
    -- Bumped on every change; a change locks the row first, so two professionals never interleave.
    version           integer     not null default 0,
    unique (tenant_id, id),
    unique (tenant_id, campaign_id, establishment_id),
    foreign key (tenant_id, campaign_id) references membership_campaign (tenant_id, id) on delete cascade
);

create table membership_basket_line (
    tenant_id         uuid        not null,
    basket_id         uuid        not null,
    product_id        uuid        not null,
    quantity          integer     not null check (quantity between 1 and 100000),
    -- The amount typed for a donation product (excluding VAT), null for the others.
    donation_cents    bigint      check (donation_cents >= 0),
    -- The price excluding VAT the professional saw when adding the line: checkout compares it with the price of the
    -- day and asks to confirm again when it changed.
    seen_price_cents  bigint      check (seen_price_cents >= 0),
    added_at          timestamptz not null,
    primary key (tenant_id, basket_id, product_id),
    foreign key (tenant_id, basket_id) references membership_basket (tenant_id, id) on delete cascade,
    foreign key (tenant_id, product_id) references membership_product (tenant_id, id) on delete cascade
);

create table membership_order (
    id                   uuid        primary key,
    tenant_id            uuid        not null references tenant (id),
    campaign_id          uuid        not null,
    establishment_id     uuid        not null,
    currency             char(3)     not null,
    -- Totals: net excluding VAT, VAT (per rate on the sum of the lines' nets, half-up), gross including VAT.
    net_cents            bigint      not null check (net_cents >= 0),
    vat_cents            bigint      not null check (vat_cents >= 0),
    gross_cents          bigint      not null check (gross_cents = net_cents + vat_cents),
    -- [{"rateBp": 2000, "netCents": 18000, "vatCents": 3600}, …]
    vat_per_rate         jsonb       not null,
    payment_method       varchar(8)  not null check (payment_method in ('TRANSFER', 'CHEQUE', 'CASH', 'CARD')),
    status               varchar(16) not null default 'AWAITING_PAYMENT'
                             check (status in ('AWAITING_PAYMENT', 'PARTIALLY_PAID', 'PAID', 'CANCELLED', 'REFUNDED')),
    -- The acceptance of the terms of sale recorded with the order (membership.extranet.TermsOfSale).
    terms_acceptance_id  uuid        not null,
    -- One token per checkout form: the same form posted twice gives the same order.
    form_token           uuid        not null,
    language             varchar(2)  not null,
    placed_by            uuid        not null,
    placed_at            timestamptz not null,
    unique (tenant_id, id),
    unique (tenant_id, form_token),
    foreign key (tenant_id, campaign_id) references membership_campaign (tenant_id, id)
);
-- One live order per establishment and campaign: a second submit, even from another form, cannot add another.
create unique index membership_order_live on membership_order (tenant_id, campaign_id, establishment_id)
    where status <> 'CANCELLED';
create index membership_order_establishment on membership_order (tenant_id, establishment_id, placed_at desc);

-- What was ordered, as it was at that moment: later catalogue edits never change an order.
create table membership_order_line (
    tenant_id          uuid         not null,
    order_id           uuid         not null,
    position           integer      not null,
    product_id         uuid         not null,
    code               varchar(40)  not null,
    -- The name in the ordering language, and every language: {"fr": "…", "en": "…", "nl": "…"}
    name               varchar(300) not null,
    names              jsonb        not null,
    type               varchar(16)  not null,
    quantity           integer      not null check (quantity >= 1),
    unit_price_cents   bigint       not null check (unit_price_cents >= 0),
    vat_rate_bp        integer      not null check (vat_rate_bp between 0 and 10000),
    net_cents          bigint       not null check (net_cents >= 0),
    -- The price's explanation as the professional read it ("catégorie hôtel 3★ : 180,00 € ; …").
    explanation        text,
    donation_cents     bigint       check (donation_cents >= 0),
    primary key (tenant_id, order_id, position),
    foreign key (tenant_id, order_id) references membership_order (tenant_id, id) on delete cascade
);
