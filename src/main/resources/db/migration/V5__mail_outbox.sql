-- Transactional outbox for e-mail: rows are written in the business transaction, a scheduled dispatcher sends them.
create table mail_outbox (
    id              uuid         primary key,
    tenant_id       uuid         references tenant (id),
    recipient       varchar(254) not null,
    language        varchar(2)   not null,
    template        varchar(64)  not null,
    subject         varchar(300) not null,
    html_body       text         not null,
    text_body       text         not null,
    status          varchar(16)  not null check (status in ('PENDING', 'SENT', 'CAPTURED', 'FAILED')),
    attempts        int          not null default 0,
    next_attempt_at timestamptz  not null,
    last_error      varchar(1000),
    created_at      timestamptz  not null,
    sent_at         timestamptz
);
create index mail_outbox_due on mail_outbox (next_attempt_at) where status = 'PENDING';
create index mail_outbox_recent on mail_outbox (created_at desc);
