-- Savings card & voucher programmes: the programme and its rules, the eligible households taken from the
-- municipality's registers, and one card per household. Later migrations add imports, issuance and enrolment.

-- A programme per tenant and season. The phase calendar is data: the server enforces it with the tenant's zone.
create table savings_programme (
    id                     uuid         primary key,
    tenant_id              uuid         not null references tenant (id),
    season                 varchar(32)  not null,
    name                   varchar(200) not null,
    -- Texts shown to citizens, per language: {"nl": {"title": "...", "intro": "..."}, "fr": {...}}.
    texts                  jsonb        not null default '{}',
    -- How earned credit is rounded to the cent: HALF_UP, DOWN (in the programme's favour) or UP.
    rounding               varchar(16)  not null default 'HALF_UP' check (rounding in ('HALF_UP', 'DOWN', 'UP')),
    -- Residents identify with their national register number only where the tenant is authorised to use it;
    -- otherwise with their date of birth (both checked against the household the card belongs to).
    resident_identifier    varchar(32)  not null default 'NATIONAL_REGISTER_NUMBER'
                               check (resident_identifier in ('NATIONAL_REGISTER_NUMBER', 'BIRTH_DATE')),
    enrolment_opens_on     date         not null,
    enrolment_closes_on    date         not null,
    earn_from              date         not null,
    earn_until             date         not null,
    conversion_on          date         not null,
    spend_from             date         not null,
    spend_until            date         not null,
    privacy_notice_version integer      not null default 1 check (privacy_notice_version > 0),
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    unique (tenant_id, season),
    unique (tenant_id, id),
    check (enrolment_opens_on <= enrolment_closes_on),
    check (earn_from <= earn_until),
    check (earn_until < conversion_on),
    check (conversion_on <= spend_from),
    check (spend_from <= spend_until)
);

-- Beneficiary categories are data: each has its own rate (an exact fraction, e.g. 1/3) and cap in cents.
create table savings_category (
    id               uuid         primary key,
    tenant_id        uuid         not null references tenant (id),
    programme_id     uuid         not null,
    code             varchar(32)  not null check (code ~ '^[A-Z][A-Z0-9_]{0,31}$'),
    -- Names per language: {"nl": "Inwoner", "fr": "Résident", ...}
    names            jsonb        not null default '{}',
    -- Which register feeds it: the population register (residents) or the second-home tax roll.
    register         varchar(16)  not null check (register in ('POPULATION', 'SECOND_HOME')),
    rate_numerator   integer      not null check (rate_numerator >= 0),
    rate_denominator integer      not null check (rate_denominator > 0),
    cap_cents        bigint       not null check (cap_cents > 0),
    position         integer      not null default 0,
    unique (programme_id, code),
    unique (tenant_id, id),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id),
    check (rate_numerator <= rate_denominator)
);

-- One eligible household (one future card) per resident household or taxed second home. Re-importing a
-- corrected register updates the row found by (programme, register, external key): never a duplicate.
create table savings_household (
    id                  uuid         primary key,
    tenant_id           uuid         not null references tenant (id),
    programme_id        uuid         not null,
    category_id         uuid         not null,
    register            varchar(16)  not null check (register in ('POPULATION', 'SECOND_HOME')),
    -- Household id of the population register, or the tax assessment number's keyed hash for second homes.
    external_key        varchar(128) not null,
    -- Name printed on the card: the reference person of the household or the second-home owner.
    display_name        varchar(200) not null,
    -- Address in the municipality (residence or taxed second home).
    street              varchar(200) not null,
    house_number        varchar(16)  not null,
    box                 varchar(16),
    postcode            varchar(16)  not null,
    municipality        varchar(100) not null,
    -- Where the card is mailed when it differs from the address above (second-home owners living elsewhere).
    postal_name         varchar(200),
    postal_line1        varchar(200),
    postal_line2        varchar(200),
    postal_postcode     varchar(16),
    postal_city         varchar(100),
    postal_country      char(2),
    -- Second homes: keyed hash of the tax assessment number (matching) and its last two characters (display).
    tax_number_hash     char(64),
    tax_number_last2    varchar(2),
    -- ELIGIBLE, or EXCLUDED when a later import of the same register no longer lists it.
    status              varchar(16)  not null default 'ELIGIBLE' check (status in ('ELIGIBLE', 'EXCLUDED')),
    reference_date      date         not null,
    last_import_id      uuid,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    unique (programme_id, register, external_key),
    unique (tenant_id, id),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id),
    foreign key (tenant_id, category_id) references savings_category (tenant_id, id)
);
create index savings_household_search on savings_household (tenant_id, programme_id, postcode, street);
create index savings_household_name on savings_household (tenant_id, lower(display_name) text_pattern_ops);

-- Adults of a household. The national register number is never stored: only its keyed hash (key outside the
-- database) and its last two digits for display.
create table savings_household_member (
    id             uuid         primary key,
    tenant_id      uuid         not null references tenant (id),
    household_id   uuid         not null,
    programme_id   uuid         not null,
    nrn_hash       char(64),
    nrn_last2      char(2),
    first_name     varchar(100),
    last_name      varchar(100) not null,
    birth_date     date,
    created_at     timestamptz  not null,
    -- A person belongs to one household per programme.
    unique (programme_id, nrn_hash),
    unique (tenant_id, id),
    foreign key (tenant_id, household_id) references savings_household (tenant_id, id) on delete cascade,
    check ((nrn_hash is null) = (nrn_last2 is null))
);
create index savings_household_member_household on savings_household_member (household_id);

-- One card per household. The number is short, typable and carries a check character; the QR carries a signed
-- token derived from the card id, so cards cannot be enumerated.
create table savings_card (
    id              uuid         primary key,
    tenant_id       uuid         not null references tenant (id),
    programme_id    uuid         not null,
    household_id    uuid         not null,
    number          varchar(16)  not null,
    -- CREATED (numbered, not yet printed or mailed), ISSUED (printed or sent digitally), ACTIVE (enrolled), BLOCKED.
    status          varchar(16)  not null default 'CREATED' check (status in ('CREATED', 'ISSUED', 'ACTIVE', 'BLOCKED')),
    printed_count   integer      not null default 0,
    last_printed_at timestamptz,
    digital_sent_at timestamptz,
    activated_at    timestamptz,
    blocked_at      timestamptz,
    blocked_reason  varchar(500),
    -- Guessing protection on the enrolment site: mismatches on this card and the lock they cause.
    failed_attempts integer      not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz  not null,
    unique (tenant_id, number),
    unique (household_id),
    unique (tenant_id, id),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id),
    foreign key (tenant_id, household_id) references savings_household (tenant_id, id)
);
create index savings_card_programme on savings_card (tenant_id, programme_id, status);
