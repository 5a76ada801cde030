-- A tourism office's membership campaigns: one campaign per season, its product ranges ("gammes") assigned to
-- directory segments, products with their price rules. Owned by the membership module (membership.catalogue).
create table membership_campaign (
    id          uuid         primary key,
    tenant_id   uuid         not null references tenant (id),
    season      integer      not null check (season between 1990 and 2200),
    name        varchar(120) not null,
    opens_on    date         not null,
    closes_on   date         not null,
    status      varchar(8)   not null default 'DRAFT' check (status in ('DRAFT', 'OPEN', 'CLOSED')),
    -- Texts shown to professionals, per language: {"fr": {"intro": "…"}, "en": {…}, "nl": {…}}
    texts       jsonb        not null default '{}',
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    unique (tenant_id, id),
    unique (tenant_id, name),
    check (closes_on >= opens_on)
);

create table membership_range (
    id           uuid        primary key,
    tenant_id    uuid        not null,
    campaign_id  uuid        not null,
    -- {"fr": "Gamme hôtels", "en": "Hotels", "nl": "Hotels"}
    names        jsonb       not null,
    -- A prospect gets the matching range with the highest priority; "additional" ranges (e.g. congress-bureau
    -- listing) apply on top of it whenever they match.
    additional   boolean     not null default false,
    position     integer     not null default 0,
    created_at   timestamptz not null,
    unique (tenant_id, id),
    foreign key (tenant_id, campaign_id) references membership_campaign (tenant_id, id) on delete cascade
);

-- Which segments a range is offered to; the higher priority wins when several non-additional ranges match.
create table membership_range_segment (
    tenant_id   uuid    not null,
    range_id    uuid    not null,
    segment_id  uuid    not null,
    priority    integer not null default 0,
    primary key (tenant_id, range_id, segment_id),
    foreign key (tenant_id, range_id) references membership_range (tenant_id, id) on delete cascade,
    foreign key (tenant_id, segment_id) references directory_segment (tenant_id, id)
);

create table membership_product (
    id                      uuid        primary key,
    tenant_id               uuid        not null,
    range_id                uuid        not null,
    code                    varchar(40) not null,
    names                   jsonb       not null,
    descriptions            jsonb       not null default '{}',
    type                    varchar(16) not null check (type in ('MANDATORY', 'OPTIONAL', 'SUBSCRIPTION', 'DONATION')),
    -- VAT rate in basis points: 2000 = 20 %, 550 = 5.5 %, 0 = no VAT.
    vat_rate_bp             integer     not null check (vat_rate_bp between 0 and 10000),
    -- Prices are excluding VAT, in cents of the tenant's currency. The base price is the first step of the price
    -- rules; a donation has no price but a minimum the professional's amount must reach.
    base_price_cents        bigint      check (base_price_cents >= 0),
    donation_minimum_cents  bigint      check (donation_minimum_cents >= 0),
    available_from          date,
    available_until         date,
    -- Units that may be sold in the whole campaign (e.g. 20 brochure pages); stock_taken counts what orders took.
    -- The check makes overselling impossible whatever the concurrency.
    stock_limit             integer     check (stock_limit >= 0),
    stock_taken             integer     not null default 0 check (stock_taken >= 0),
    max_per_order           integer     not null default 1 check (max_per_order >= 1),
    -- Products (ids in the same campaign) that must also be in the basket / must not be with it.
    requires                uuid[]      not null default '{}',
    excludes                uuid[]      not null default '{}',
    position                integer     not null default 0,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    unique (tenant_id, id),
    unique (tenant_id, range_id, code),
    foreign key (tenant_id, range_id) references membership_range (tenant_id, id) on delete cascade,
    check (stock_limit is null or stock_taken <= stock_limit),
    check ((type = 'DONATION') = (base_price_cents is null)),
    check (available_until is null or available_from is null or available_until >= available_from)
);

-- Price rules of a product, evaluated in position order after the base price (see membership.catalogue.PriceRule).
create table membership_price_rule (
    id          uuid        primary key,
    tenant_id   uuid        not null,
    product_id  uuid        not null,
    position    integer     not null,
    kind        varchar(16) not null check (kind in ('SET', 'PER_UNIT', 'BANDS', 'PERCENT', 'ADJUST')),
    -- When the rule applies: a directory criteria tree (null = always).
    condition   jsonb,
    -- Kind-specific parameters, e.g. PER_UNIT {"field":"capacity_rooms","unitCents":200,"minCents":0,"maxCents":10000,"mode":"ADD"}.
    params      jsonb       not null,
    -- Shown in the explanation: {"fr": "catégorie hôtel 3★", …}
    labels      jsonb       not null,
    created_at  timestamptz not null,
    unique (tenant_id, product_id, position),
    foreign key (tenant_id, product_id) references membership_product (tenant_id, id) on delete cascade
);
