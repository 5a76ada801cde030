-- Enrolment website: the e-mail verification link of an enrolment, guessing protection on "card not received"
-- (per identifier, across nodes), passwordless login links, and attachments of outgoing mail (the digital card).

-- The verification link: only the SHA-256 of its secret is kept; single use through a conditional update.
alter table savings_enrolment
    add column verification_hash       char(64) unique,
    add column verification_expires_at timestamptz,
    add column verification_used_at    timestamptz;

-- Mismatches per identifier (keyed hash of what was typed) on "card not received", where no card number is typed:
-- the lock must hold on every node, so it lives in the database. Rows of identifiers nobody holds age out.
create table savings_enrolment_guard (
    tenant_id       uuid        not null references tenant (id),
    subject_hash    char(64)    not null,
    failed_attempts integer     not null default 0,
    locked_until    timestamptz,
    updated_at      timestamptz not null,
    primary key (tenant_id, subject_hash)
);
create index savings_enrolment_guard_age on savings_enrolment_guard (updated_at);

-- Passwordless login: a single-use link sent by e-mail, kept like the other account tokens.
alter table account_token drop constraint account_token_purpose_check;
alter table account_token add constraint account_token_purpose_check
    check (purpose in ('PASSWORD_RESET', 'INVITATION', 'LOGIN_LINK'));

-- Files sent with a mail (the digital card PDF). Deleted with their mail by the outbox purge.
create table mail_attachment (
    id           uuid         primary key,
    mail_id      uuid         not null references mail_outbox (id) on delete cascade,
    position     integer      not null,
    filename     varchar(200) not null,
    content_type varchar(100) not null,
    content      bytea        not null,
    unique (mail_id, position)
);
