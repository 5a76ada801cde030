-- Append-only audit trail of security and business events.
create table audit_event (
    id          bigint       generated always as identity primary key,
    occurred_at timestamptz  not null,
    tenant_id   uuid         references tenant (id),
    actor_id    uuid,
    actor_kind  varchar(16)  not null check (actor_kind in ('USER', 'API_TOKEN', 'SYSTEM', 'ANONYMOUS')),
    action      varchar(64)  not null,
    target_type varchar(64),
    target_id   varchar(100),
    ip_address  varchar(45),
    request_id  varchar(64),
    details     jsonb        not null default '{}'::jsonb
);
create index audit_event_tenant_time on audit_event (tenant_id, occurred_at desc);
create index audit_event_tenant_action on audit_event (tenant_id, action);

-- No role, including the application's own, may rewrite history: updates, deletes and truncation are refused.
create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only (% refused)', tg_op using errcode = '42501';
end;
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();
