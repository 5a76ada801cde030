-- Long work (imports, issuance, conversion...) run as resumable jobs. Any node may claim a job (FOR UPDATE SKIP
-- LOCKED); a RUNNING job whose heartbeat is stale belonged to a node that died and is resumed from its checkpoint.
create table job (
    id               uuid         primary key,
    tenant_id        uuid         not null references tenant (id),
    kind             varchar(100) not null,
    parameters       jsonb        not null default '{}',
    status           varchar(16)  not null check (status in ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    total            bigint       not null default 0 check (total >= 0),
    done             bigint       not null default 0 check (done >= 0),
    failed           bigint       not null default 0 check (failed >= 0),
    -- Opaque resume position of the handler (e.g. the last row committed), written with the work it covers.
    checkpoint       bigint       not null default 0,
    summary          jsonb,
    error_key        varchar(200),
    cancel_requested boolean      not null default false,
    created_by       uuid,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    heartbeat_at     timestamptz,
    -- Incremented on every claim; also the fencing token that stops a presumed-dead node from writing.
    attempts         int          not null default 0
);
create index job_claimable on job (created_at) where status in ('QUEUED', 'RUNNING');
create index job_by_tenant_kind on job (tenant_id, kind, created_at desc);
