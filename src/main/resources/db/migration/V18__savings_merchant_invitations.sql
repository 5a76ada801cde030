-- Invitations to work for a merchant (owner or cashier), sent through the accounts module. When the invited person
-- accepts, the accounts module publishes the invitation's id and the savings module links the new account to the
-- merchant in savings_merchant_staff. The invitation token itself stays in account_token.
create table savings_merchant_invitation (
    invitation_id  uuid         primary key,
    tenant_id      uuid         not null references tenant (id),
    merchant_id    uuid         not null,
    role           varchar(16)  not null check (role in ('OWNER', 'CASHIER')),
    email          varchar(254) not null,
    invited_by     uuid         references user_account (id),
    created_at     timestamptz  not null,
    accepted_at    timestamptz,
    account_id     uuid         references user_account (id) on delete set null,
    foreign key (tenant_id, merchant_id) references savings_merchant (tenant_id, id)
);
create index savings_merchant_invitation_merchant on savings_merchant_invitation (tenant_id, merchant_id);
