-- Register imports: the uploaded file (kept in the database so the import job can resume on any node, and cleared
-- once the import has finished), the column mapping chosen on the mapping screen, the running counts, and the rows
-- that failed validation (for the downloadable error report).
create table savings_register_import (
    id                 uuid         primary key,
    tenant_id          uuid         not null references tenant (id),
    programme_id       uuid         not null,
    register           varchar(16)  not null check (register in ('POPULATION', 'SECOND_HOME')),
    reference_date     date         not null,
    file_name          varchar(255) not null,
    content            bytea,
    charset            varchar(32)  not null,
    delimiter          char(1)      not null,
    -- Column names of the header row, in order: ["Huishouden", "Straat", ...].
    header             jsonb        not null,
    -- Target field -> column index, set on the mapping screen: {"HOUSEHOLD_ID": 0, ...}.
    mapping            jsonb,
    -- A full extract excludes the households of the register that it no longer lists; a partial one does not.
    full_extract       boolean      not null default true,
    -- UPLOADED (waiting for its mapping), SUBMITTED (its job is queued or running), DONE, FAILED, CANCELLED.
    status             varchar(16)  not null check (status in ('UPLOADED', 'SUBMITTED', 'DONE', 'FAILED', 'CANCELLED')),
    job_id             uuid,
    rows_total         integer      not null default 0,
    rows_failed        integer      not null default 0,
    households_created integer      not null default 0,
    households_updated integer      not null default 0,
    households_unchanged integer    not null default 0,
    households_excluded integer     not null default 0,
    created_by         uuid,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null,
    unique (tenant_id, id),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id)
);
create index savings_register_import_recent on savings_register_import (tenant_id, created_at desc);
-- One running import per programme and register: two at once would each exclude the other's households.
create unique index savings_register_import_one_running on savings_register_import (programme_id, register)
    where status = 'SUBMITTED';

-- Rows that failed validation. The value is as typed, except national register numbers, masked to the last two
-- digits; the reason is a message key, shown in the language of whoever downloads the report.
create table savings_register_import_error (
    tenant_id   uuid         not null,
    import_id   uuid         not null,
    position    integer      not null,
    row_number  integer      not null,
    column_name varchar(200),
    value       varchar(500),
    reason_key  varchar(200) not null,
    -- Argument of the reason, e.g. the row that first used a duplicated number.
    reason_arg  varchar(100),
    primary key (import_id, position),
    foreign key (tenant_id, import_id) references savings_register_import (tenant_id, id) on delete cascade
);

-- What the last import wrote for a household (address, names, members): a re-import that finds the same
-- fingerprint leaves the household and its members untouched and counts it as unchanged.
alter table savings_household add column import_fingerprint char(64);
