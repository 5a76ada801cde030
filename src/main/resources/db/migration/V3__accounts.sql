-- People who log in. Platform administrators have no tenant; everyone else belongs to exactly one tenant.
create table user_account (
    id             uuid         primary key,
    tenant_id      uuid         references tenant (id),
    email          varchar(254) not null,
    display_name   varchar(200) not null,
    role           varchar(32)  not null check (role in ('PLATFORM_ADMIN', 'TENANT_ADMIN', 'FINANCE', 'HELPDESK',
                                                         'READ_ONLY', 'MERCHANT_OWNER', 'CASHIER', 'PROFESSIONAL',
                                                         'CITIZEN')),
    password_hash  varchar(255),
    language       varchar(2)   check (language in ('nl', 'fr', 'en', 'de')),
    enabled        boolean      not null default true,
    failed_logins  int          not null default 0,
    locked_until   timestamptz,
    totp_secret    varchar(255),
    totp_enabled   boolean      not null default false,
    created_at     timestamptz  not null,
    last_login_at  timestamptz,
    check ((role = 'PLATFORM_ADMIN') = (tenant_id is null))
);
-- E-mail is unique within a tenant (and among platform administrators), case-insensitively.
create unique index user_account_email_per_tenant
    on user_account (coalesce(tenant_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(email));

-- Single-use secrets sent by e-mail: password resets and staff invitations. Only a SHA-256 of the token is stored.
create table account_token (
    id          uuid         primary key,
    tenant_id   uuid         references tenant (id),
    purpose     varchar(32)  not null check (purpose in ('PASSWORD_RESET', 'INVITATION')),
    token_hash  char(64)     not null unique,
    user_id     uuid         references user_account (id),
    email       varchar(254) not null,
    role        varchar(32),
    language    varchar(2),
    created_by  uuid         references user_account (id),
    created_at  timestamptz  not null,
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    revoked_at  timestamptz
);
create index account_token_pending on account_token (tenant_id, purpose) where used_at is null and revoked_at is null;

-- Machine clients of /api/v1. The secret is shown once; only its SHA-256 is kept.
create table api_token (
    id           uuid         primary key,
    tenant_id    uuid         not null references tenant (id),
    name         varchar(100) not null,
    token_prefix varchar(16)  not null unique,
    token_hash   char(64)     not null,
    scopes       varchar(255) not null,
    created_by   uuid         not null references user_account (id),
    created_at   timestamptz  not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_tenant on api_token (tenant_id);
