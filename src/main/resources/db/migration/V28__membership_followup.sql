-- Campaign follow-up: what happened to each prospect of a campaign, and the mails sent to move it on. Owned by the
-- membership module (membership.followup: visits, declines, notes, dashboard; membership.reminder: invitations,
-- reminder steps, templates, the send log, opt-outs).

-- A professional opened the campaign's basket page for an establishment: first and last time, and how often.
create table membership_visit (
    tenant_id         uuid        not null references tenant (id),
    campaign_id       uuid        not null,
    establishment_id  uuid        not null,
    first_at          timestamptz not null,
    last_at           timestamptz not null,
    visits            integer     not null default 1 check (visits >= 1),
    primary key (tenant_id, campaign_id, establishment_id),
    foreign key (tenant_id, campaign_id) references membership_campaign (tenant_id, id) on delete cascade
);

-- "Not this season": said by the professional on the extranet or recorded by staff. Withdrawn by deleting the row
-- (the timeline keeps both facts in membership_establishment_note / audit).
create table membership_decline (
    tenant_id         uuid         not null references tenant (id),
    campaign_id       uuid         not null,
    establishment_id  uuid         not null,
    reason            varchar(500),
    declined_by       uuid,
    declined_at       timestamptz  not null,
    primary key (tenant_id, campaign_id, establishment_id),
    foreign key (tenant_id, campaign_id) references membership_campaign (tenant_id, id) on delete cascade
);

-- Staff notes on an establishment (calls, visits, promises), shown on its timeline.
create table membership_establishment_note (
    id                uuid          primary key,
    tenant_id         uuid          not null references tenant (id),
    establishment_id  uuid          not null,
    campaign_id       uuid,
    body              varchar(4000) not null,
    written_by        uuid          not null,
    written_at        timestamptz   not null
);
create index membership_establishment_note_establishment
    on membership_establishment_note (tenant_id, establishment_id, written_at);

-- The steps of a campaign's mailing: the invitation, then reminders. A step fires for a prospect when its trigger
-- holds for the given number of days: INVITATION (on demand, no delay), NO_ORDER (invited N days ago and no order),
-- BASKET_ABANDONED (basket untouched for N days and no order), INVOICE_UNPAID (N days after the due date, not paid).
create table membership_reminder_step (
    id           uuid         primary key,
    tenant_id    uuid         not null references tenant (id),
    campaign_id  uuid         not null,
    trigger      varchar(20)  not null check (trigger in ('INVITATION', 'NO_ORDER', 'BASKET_ABANDONED', 'INVOICE_UNPAID')),
    days         integer      not null default 0 check (days between 0 and 365),
    -- Mandatory steps (the invitation, an unpaid invoice) ignore the opt-out.
    mandatory    boolean      not null default false,
    active       boolean      not null default true,
    position     integer      not null,
    unique (tenant_id, id),
    foreign key (tenant_id, campaign_id) references membership_campaign (tenant_id, id) on delete cascade
);

-- A step's mail per language (subject and body with placeholders such as {establishment} and {link}).
create table membership_reminder_template (
    tenant_id  uuid          not null,
    step_id    uuid          not null,
    language   varchar(2)    not null,
    subject    varchar(200)  not null,
    body       text          not null,
    primary key (tenant_id, step_id, language),
    foreign key (tenant_id, step_id) references membership_reminder_step (tenant_id, id) on delete cascade
);

-- What was sent to whom, once: the primary key makes a second send of the same step to the same establishment
-- (a retried job, two nodes) impossible. Written in the transaction that puts the mail in the outbox.
create table membership_reminder_sent (
    tenant_id         uuid         not null references tenant (id),
    step_id           uuid         not null,
    establishment_id  uuid         not null,
    campaign_id       uuid         not null,
    -- The order the reminder was about (INVOICE_UNPAID), if any.
    order_id          uuid,
    language          varchar(2)   not null,
    -- The mail in the outbox (mail module), to show its delivery state.
    mail_id           uuid,
    sent_at           timestamptz  not null,
    sent_by           uuid,
    primary key (tenant_id, step_id, establishment_id),
    foreign key (tenant_id, step_id) references membership_reminder_step (tenant_id, id) on delete cascade
);
create index membership_reminder_sent_campaign on membership_reminder_sent (tenant_id, campaign_id, sent_at);
create index membership_reminder_sent_establishment on membership_reminder_sent (tenant_id, establishment_id, sent_at);

-- Establishments that asked for no more non-mandatory reminders (the link in every reminder).
create table membership_reminder_opt_out (
    tenant_id         uuid         not null references tenant (id),
    establishment_id  uuid         not null,
    opted_out_at      timestamptz  not null,
    primary key (tenant_id, establishment_id)
);
