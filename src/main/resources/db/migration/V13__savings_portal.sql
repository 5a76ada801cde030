-- Citizen portal: GDPR self-service. Erasure requests are recorded for the helpdesk, who decides and notes why;
-- e-mail changes of passwordless accounts wait for a confirmation link sent to the new address.

create table savings_erasure_request (
    id            uuid          primary key,
    tenant_id     uuid          not null references tenant (id),
    -- The citizen who asked (their account stays, disabled or not, so the helpdesk knows whom to erase).
    user_id       uuid          not null references user_account (id),
    requested_at  timestamptz   not null,
    reason        varchar(2000),
    status        varchar(16)   not null default 'OPEN' check (status in ('OPEN', 'DONE', 'REFUSED')),
    handled_by    uuid          references user_account (id),
    handled_at    timestamptz,
    note          varchar(2000),
    unique (tenant_id, id),
    check ((status = 'OPEN') = (handled_at is null)),
    check (status <> 'REFUSED' or note is not null)
);
-- One open request per person: asking again while one is open changes nothing.
create unique index savings_erasure_request_open on savings_erasure_request (tenant_id, user_id) where status = 'OPEN';
create index savings_erasure_request_tenant on savings_erasure_request (tenant_id, status, requested_at);

create table savings_email_change (
    id           uuid          primary key,
    tenant_id    uuid          not null references tenant (id),
    user_id      uuid          not null references user_account (id),
    new_email    varchar(254)  not null,
    -- Only the SHA-256 of the e-mailed secret is kept.
    token_hash   char(64)      not null unique,
    created_at   timestamptz   not null,
    expires_at   timestamptz   not null,
    used_at      timestamptz,
    revoked_at   timestamptz
);
create index savings_email_change_user on savings_email_change (tenant_id, user_id);
