-- Participating merchants of a municipality's savings programmes, the people who work at their counters and the
-- devices that scan cards. A merchant belongs to the tenant (not to one season's programme): the same shop takes
-- part again next season.
create table savings_merchant (
    id                 uuid         primary key,
    tenant_id          uuid         not null references tenant (id),
    business_name      varchar(200) not null,
    -- Belgian enterprise number (KBO/BCE), ten digits with its mod-97 check, without punctuation. Not unique: one
    -- enterprise may run several shops in the municipality, each a merchant with its own counter.
    enterprise_number  char(10)     not null,
    category           varchar(16)  not null check (category in ('SHOP', 'CAFE', 'RESTAURANT', 'OTHER')),
    -- Where the city reimburses redeemed vouchers. A change asked by the merchant waits in pending_iban until the
    -- city approves it; reimbursements keep using iban meanwhile.
    iban               varchar(34)  not null,
    pending_iban       varchar(34),
    street             varchar(200) not null,
    house_number       varchar(16)  not null,
    box                varchar(16),
    postcode           varchar(16)  not null,
    municipality       varchar(100) not null,
    -- Map-ready coordinates when known (WGS 84).
    latitude           numeric(9, 6) check (latitude between -90 and 90),
    longitude          numeric(9, 6) check (longitude between -180 and 180),
    contact_name       varchar(200) not null,
    contact_email      varchar(254) not null,
    contact_phone      varchar(40),
    website            varchar(300),
    language           varchar(2)   not null default 'nl' check (language in ('nl', 'fr', 'en')),
    -- APPLIED (waiting for the city), APPROVED (may scan), SUSPENDED (may not scan or redeem), REJECTED.
    status             varchar(16)  not null default 'APPLIED'
                           check (status in ('APPLIED', 'APPROVED', 'SUSPENDED', 'REJECTED')),
    status_reason      varchar(500),
    applied_at         timestamptz  not null,
    approved_at        timestamptz,
    status_changed_at  timestamptz,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    unique (tenant_id, id),
    check ((latitude is null) = (longitude is null))
);
create index savings_merchant_list on savings_merchant (tenant_id, status, lower(business_name));
create index savings_merchant_enterprise on savings_merchant (tenant_id, enterprise_number);

-- Who works for a merchant: its owner(s) and cashiers. An account works for one merchant.
create table savings_merchant_staff (
    account_id   uuid        primary key references user_account (id) on delete cascade,
    tenant_id    uuid        not null references tenant (id),
    merchant_id  uuid        not null,
    role         varchar(16) not null check (role in ('OWNER', 'CASHIER')),
    created_at   timestamptz not null,
    foreign key (tenant_id, merchant_id) references savings_merchant (tenant_id, id)
);
create index savings_merchant_staff_merchant on savings_merchant_staff (tenant_id, merchant_id);

-- A phone, tablet or cash register that scans cards for a merchant. Its credential is shown once; only its SHA-256
-- is kept, with a short prefix to find it. Revoking a device stops it at once.
create table savings_merchant_device (
    id                 uuid         primary key,
    tenant_id          uuid         not null references tenant (id),
    merchant_id        uuid         not null,
    name               varchar(100) not null,
    credential_prefix  varchar(16)  not null unique,
    credential_hash    char(64)     not null,
    created_by         uuid         references user_account (id),
    created_at         timestamptz  not null,
    last_seen_at       timestamptz,
    revoked_at         timestamptz,
    unique (tenant_id, id),
    foreign key (tenant_id, merchant_id) references savings_merchant (tenant_id, id)
);
create index savings_merchant_device_merchant on savings_merchant_device (tenant_id, merchant_id);
