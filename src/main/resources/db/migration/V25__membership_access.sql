-- Professionals' access to the extranet and the tenant's terms of sale. Owned by the membership module
-- (membership.extranet). Accounts and invitation tokens stay in the account module's tables.

-- Which establishments a professional's account acts for. One account may act for several establishments (an owner
-- with a hotel and a campsite), one establishment may have several accounts.
create table membership_professional (
    tenant_id         uuid        not null references tenant (id),
    account_id        uuid        not null references user_account (id) on delete cascade,
    establishment_id  uuid        not null,
    linked_at         timestamptz not null,
    primary key (tenant_id, account_id, establishment_id),
    foreign key (tenant_id, establishment_id) references directory_establishment (tenant_id, id) on delete cascade
);
create index membership_professional_establishment on membership_professional (tenant_id, establishment_id);

-- An invitation sent through the account module, for one or several establishments (one row each): when it is
-- accepted, the new account is linked to every establishment invited under that invitation id.
create table membership_invitation (
    invitation_id     uuid         not null,
    tenant_id         uuid         not null references tenant (id),
    establishment_id  uuid         not null,
    email             varchar(254) not null,
    invited_by        uuid         references user_account (id) on delete set null,
    invited_at        timestamptz  not null,
    accepted_at       timestamptz,
    account_id        uuid         references user_account (id) on delete set null,
    primary key (invitation_id, establishment_id),
    foreign key (tenant_id, establishment_id) references directory_establishment (tenant_id, id) on delete cascade
);
create index membership_invitation_establishment on membership_invitation (tenant_id, establishment_id);

-- Versioned terms of sale (CGV). A draft has no published_at and may still be edited; once published a version is
-- immutable (a change is a new version). The current terms are the latest published version.
create table membership_terms (
    id            uuid        primary key,
    tenant_id     uuid        not null references tenant (id),
    version       integer     not null check (version >= 1),
    -- Plain text per language: {"fr": "…", "nl": "…", "en": "…"}
    texts         jsonb       not null default '{}',
    created_by    uuid        references user_account (id) on delete set null,
    created_at    timestamptz not null,
    published_at  timestamptz,
    unique (tenant_id, version),
    unique (tenant_id, id)
);
-- At most one draft per tenant at a time.
create unique index membership_terms_one_draft on membership_terms (tenant_id) where published_at is null;

create table membership_terms_acceptance (
    id           uuid        primary key,
    tenant_id    uuid        not null references tenant (id),
    account_id   uuid        not null references user_account (id) on delete cascade,
    terms_id     uuid        not null,
    accepted_at  timestamptz not null,
    unique (tenant_id, account_id, terms_id),
    foreign key (tenant_id, terms_id) references membership_terms (tenant_id, id)
);
create index membership_terms_acceptance_terms on membership_terms_acceptance (tenant_id, terms_id, accepted_at);
