-- Imports of establishments into the directory (membership.sync): the tenant's Tourinsoft set-up and the runs of
-- Tourinsoft and CSV imports with their failed records. Establishments themselves are written through the
-- directory's API only.

-- One Tourinsoft set-up per tenant: the feed URL and the mapping profile (JSON of membership.sync.MappingProfile:
-- incremental query template and field mappings).
create table membership_sync_profile (
    tenant_id   uuid          primary key references tenant (id),
    profile     jsonb         not null,
    updated_by  uuid,
    updated_at  timestamptz   not null
);

-- One import run. The mapping it runs with is copied in, so a resumed run maps like its first attempt. Resume point:
-- page_url (Tourinsoft: the page being read; CSV: null) and position (records of that page, or rows of the file,
-- already done), committed with each record's outcome and counts.
create table membership_sync_run (
    id              uuid          primary key,
    tenant_id       uuid          not null references tenant (id),
    source          varchar(16)   not null check (source in ('TOURINSOFT', 'CSV')),
    mode            varchar(12)   not null check (mode in ('FULL', 'INCREMENTAL')),
    status          varchar(12)   not null check (status in ('PREPARED', 'QUEUED', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    job_id          uuid,
    mapping         jsonb         not null,
    -- Incremental runs read records updated after since; high_water is the latest Updated read, the next
    -- incremental run's since once this run succeeded.
    since           timestamptz,
    high_water      timestamptz,
    page_url        varchar(2000),
    position        integer       not null default 0,
    records_total   integer,
    created         integer       not null default 0,
    updated         integer       not null default 0,
    unchanged       integer       not null default 0,
    failed          integer       not null default 0,
    error_key       varchar(100),
    error_argument  varchar(200),
    -- CSV runs: the uploaded file (kept for the run's resumption; a later clean-up may drop it once finished).
    file_name       varchar(200),
    file_content    bytea,
    created_by      uuid,
    created_at      timestamptz   not null,
    finished_at     timestamptz,
    unique (tenant_id, id)
);
create index membership_sync_run_recent on membership_sync_run (tenant_id, created_at desc);

-- Records a run could not import, with the reason as a message key (sync or directory bundle) and its arguments.
create table membership_sync_failure (
    tenant_id    uuid          not null,
    run_id       uuid          not null,
    seq          integer       not null,
    external_id  varchar(100),
    name         varchar(200),
    field        varchar(60),
    message_key  varchar(120)  not null,
    arguments    jsonb         not null default '[]',
    primary key (run_id, seq),
    foreign key (tenant_id, run_id) references membership_sync_run (tenant_id, id) on delete cascade
);
