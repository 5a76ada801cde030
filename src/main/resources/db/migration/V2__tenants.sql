-- Organisations using the platform: municipalities (savings programmes) and tourism offices (membership campaigns).
create table tenant (
    id               uuid         primary key,
    slug             varchar(63)  not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
    name             varchar(200) not null,
    kind             varchar(32)  not null check (kind in ('MUNICIPALITY', 'TOURISM_OFFICE')),
    default_language varchar(2)   not null check (default_language in ('nl', 'fr', 'en')),
    time_zone        varchar(64)  not null,
    currency         char(3)      not null default 'EUR' check (currency = 'EUR'),
    primary_colour   char(7)      not null default '#1d4ed8' check (primary_colour ~ '^#[0-9a-f]{6}$'),
    logo             bytea,
    logo_media_type  varchar(64),
    legal_name       varchar(200),
    street           varchar(200),
    postcode         varchar(16),
    city             varchar(100),
    country          char(2)      not null,
    company_number   varchar(32),
    vat_number       varchar(32),
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null
);
