-- The directory of a tourism office's professionals: establishments, the organisations (one SIREN) that own them,
-- the tenant's custom fields (the tourism database's custom criteria), references to records in external tourism
-- databases, membership seasons, and saved segments. Owned by the directory module.
create table directory_organisation (
    id          uuid         primary key,
    tenant_id   uuid         not null references tenant (id),
    legal_name  varchar(200) not null,
    -- SIREN (9 digits, Luhn) when known; one organisation per SIREN in a tenant.
    siren       char(9),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    unique (tenant_id, id)
);
create unique index directory_organisation_siren on directory_organisation (tenant_id, siren) where siren is not null;

create table directory_establishment (
    id                     uuid          primary key,
    tenant_id              uuid          not null references tenant (id),
    -- The owner organisation; its main establishment has main = true, the others are secondary.
    organisation_id        uuid,
    main                   boolean       not null default true,
    name                   varchar(200)  not null,
    legal_name             varchar(200),
    siret                  char(14),
    vat_number             varchar(20),
    type                   varchar(16)   not null check (type in ('HOTEL', 'RENTAL', 'CAMPSITE', 'GROUP_LODGING',
                               'RESTAURANT', 'ACTIVITY', 'VENUE', 'SHOP', 'OTHER')),
    -- e.g. scheme 'PREFECTORAL' value '3' (stars), scheme 'GITES_DE_FRANCE' value '3' (épis); free text per tenant.
    classification_scheme  varchar(60),
    classification_value   varchar(60),
    capacity_persons       integer       check (capacity_persons >= 0),
    capacity_rooms         integer       check (capacity_rooms >= 0),
    capacity_pitches       integer       check (capacity_pitches >= 0),
    -- The person the office deals with and the address invitations go to.
    contact_name           varchar(200),
    email                  varchar(254),
    phone                  varchar(40),
    website                varchar(300),
    -- Further means of contact as read from the tourism database: [{"kind":"PHONE","label":"Mobile","value":"…"}].
    contacts               jsonb         not null default '[]',
    street                 varchar(300),
    postcode               varchar(16),
    city                   varchar(100),
    country                char(2)       not null default 'FR',
    latitude               numeric(9, 6) check (latitude between -90 and 90),
    longitude              numeric(9, 6) check (longitude between -180 and 180),
    -- Values of the tenant's custom fields by key: {"partner_association": true, "brochure_pages": 2}.
    custom                 jsonb         not null default '{}',
    status                 varchar(16)   not null default 'ACTIVE' check (status in ('ACTIVE', 'ARCHIVED')),
    -- Optimistic lock for office edits and imports.
    version                integer       not null default 0,
    created_at             timestamptz   not null,
    updated_at             timestamptz   not null,
    unique (tenant_id, id),
    foreign key (tenant_id, organisation_id) references directory_organisation (tenant_id, id),
    check ((latitude is null) = (longitude is null))
);
create index directory_establishment_name on directory_establishment (tenant_id, lower(name));
create index directory_establishment_org on directory_establishment (tenant_id, organisation_id);
create index directory_establishment_email on directory_establishment (tenant_id, lower(email));

-- Where an establishment comes from in an external tourism database (Tourinsoft, Apidae, a CSV file). Imports upsert
-- by (system, external_id). The columns for two-way sync are here already: remote_updated_at is the record's last
-- modification in the external database as last read; content_hash detects an unchanged record; pushed_at is when
-- local changes were last written back (a later issue): a record changed on both sides since the last sync is a
-- conflict.
create table directory_external_ref (
    tenant_id          uuid         not null,
    establishment_id   uuid         not null,
    system             varchar(16)  not null check (system in ('TOURINSOFT', 'APIDAE', 'DATATOURISME', 'CSV')),
    external_id        varchar(100) not null,
    remote_updated_at  timestamptz,
    content_hash       varchar(64),
    last_synced_at     timestamptz  not null,
    pushed_at          timestamptz,
    primary key (tenant_id, system, external_id),
    unique (establishment_id, system),
    foreign key (tenant_id, establishment_id) references directory_establishment (tenant_id, id) on delete cascade
);

-- Seasons an establishment was a member (paid its membership), from an order, an import or the office.
create table directory_membership (
    tenant_id         uuid        not null,
    establishment_id  uuid        not null,
    season            integer     not null check (season between 1990 and 2200),
    source            varchar(16) not null check (source in ('ORDER', 'IMPORT', 'OFFICE')),
    recorded_at       timestamptz not null,
    primary key (tenant_id, establishment_id, season),
    foreign key (tenant_id, establishment_id) references directory_establishment (tenant_id, id) on delete cascade
);

-- The tenant's own fields; a value lives in directory_establishment.custom under the field's key.
create table directory_custom_field (
    id          uuid        primary key,
    tenant_id   uuid        not null references tenant (id),
    key         varchar(40) not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
    type        varchar(8)  not null check (type in ('TEXT', 'NUMBER', 'BOOLEAN', 'CHOICE', 'DATE')),
    -- {"fr": "Membre d'une association partenaire", "nl": "…", "en": "…"}
    labels      jsonb       not null,
    -- Allowed values of a CHOICE field: [{"code": "gold", "labels": {"fr": "Or", …}}].
    choices     jsonb       not null default '[]',
    position    integer     not null default 0,
    created_at  timestamptz not null,
    unique (tenant_id, key)
);

-- Saved searches: a named tree of criteria over standard and custom fields (see directory.Criterion).
create table directory_segment (
    id          uuid         primary key,
    tenant_id   uuid         not null references tenant (id),
    name        varchar(120) not null,
    criteria    jsonb        not null,
    created_by  uuid,
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    unique (tenant_id, id),
    unique (tenant_id, name)
);
