-- Enrolment: an adult of a card's household who proved who they are, gave an e-mail address and consented to the
-- privacy notice. Several adults of a household may enrol on the same card; they all see the same card.
create table savings_enrolment (
    id                     uuid         primary key,
    tenant_id              uuid         not null references tenant (id),
    programme_id           uuid         not null,
    card_id                uuid         not null,
    -- The household member who identified (national register number, date of birth or tax assessment number).
    member_id              uuid         not null,
    -- The citizen account, once the e-mail address is verified.
    user_id                uuid         references user_account (id),
    email                  varchar(320) not null,
    language               varchar(2)   not null check (language in ('nl', 'fr', 'en', 'de')),
    -- PENDING until the e-mail link is followed; ACTIVE; WITHDRAWN when consent is withdrawn.
    status                 varchar(16)  not null default 'PENDING' check (status in ('PENDING', 'ACTIVE', 'WITHDRAWN')),
    privacy_notice_version integer      not null,
    consented_at           timestamptz  not null,
    consent_withdrawn_at   timestamptz,
    email_verified_at      timestamptz,
    -- Through which door: the card number / QR, or "card not received" (digital card mailed at once).
    channel                varchar(16)  not null default 'CARD' check (channel in ('CARD', 'NOT_RECEIVED')),
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null,
    unique (card_id, member_id),
    unique (tenant_id, id),
    foreign key (tenant_id, card_id) references savings_card (tenant_id, id),
    foreign key (tenant_id, member_id) references savings_household_member (tenant_id, id)
);
create index savings_enrolment_user on savings_enrolment (tenant_id, user_id);
create index savings_enrolment_card on savings_enrolment (tenant_id, card_id);
