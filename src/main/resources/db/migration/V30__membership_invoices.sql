-- Invoices and credit notes of membership orders under French rules. Owned by the membership module
-- (membership.invoice).

-- The seller's mentions and texts printed on every invoice of the tenant (the tourism office).
create table membership_invoice_settings (
    tenant_id               uuid          primary key references tenant (id),
    legal_name              varchar(200),
    legal_form              varchar(100),
    street                  varchar(300),
    postcode                varchar(20),
    city                    varchar(100),
    country                 char(2)       not null default 'FR',
    siren                   char(9),
    siret                   char(14),
    ape_code                varchar(6),
    vat_number              varchar(13),
    vat_regime              varchar(8)    not null default 'STANDARD' check (vat_regime in ('STANDARD', 'EXEMPT')),
    -- Printed when the regime is EXEMPT, e.g. "TVA non applicable, art. 293 B du CGI".
    vat_exemption_text      varchar(300),
    referent_name           varchar(140),
    referent_email          varchar(254),
    referent_phone          varchar(40),
    bank_details            varchar(1000),
    bank_image              bytea,
    bank_image_type         varchar(20),
    logo                    bytea,
    logo_type               varchar(20),
    payment_terms           varchar(1000),
    early_payment_text      varchar(500),
    late_penalty_text       varchar(1000),
    recovery_indemnity_text varchar(500),
    footer                  varchar(1000),
    -- When an order's invoice is issued: when it is placed (ORDER) or when it is fully paid (PAYMENT).
    issue_at                varchar(8)    not null default 'PAYMENT' check (issue_at in ('ORDER', 'PAYMENT')),
    updated_by              uuid,
    updated_at              timestamptz   not null
);

-- Numbering series: one for invoices, one for credit notes. The format's tags are documented in
-- membership.invoice.InvoiceNumberFormat; the counter resets when the period the format shows changes.
create table membership_invoice_series (
    tenant_id   uuid         not null references tenant (id),
    kind        varchar(12)  not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    format      varchar(100) not null,
    prefix      varchar(20)  not null default '',
    updated_at  timestamptz  not null,
    primary key (tenant_id, kind)
);

-- The last number given per series and period ("2026", "2026-11", or "-" when the format shows no period). Incremented
-- in the transaction that inserts the invoice: a rollback gives the number back, concurrent issues queue on the row.
create table membership_invoice_counter (
    tenant_id   uuid        not null references tenant (id),
    kind        varchar(12) not null,
    period      varchar(7)  not null,
    last_value  bigint      not null check (last_value >= 1),
    primary key (tenant_id, kind, period)
);

-- Issued invoices and credit notes: append-only, with everything printed on them frozen (seller, buyer, lines, VAT
-- per rate, totals, due date, service period in the snapshot), the PDF/A-3 bytes and the CII XML it embeds.
create table membership_invoice (
    id                  uuid          primary key,
    tenant_id           uuid          not null references tenant (id),
    order_id            uuid          not null,
    kind                varchar(12)   not null check (kind in ('INVOICE', 'CREDIT_NOTE')),
    number              varchar(100)  not null,
    issued_on           date          not null,
    -- What the document answers, once per order: "invoice", "refund:<refund id>", "cancel".
    source              varchar(60)   not null,
    credited_invoice_id uuid,
    currency            char(3)       not null,
    net_cents           bigint        not null check (net_cents >= 0),
    vat_cents           bigint        not null check (vat_cents >= 0),
    gross_cents         bigint        not null check (gross_cents >= 0),
    due_date            date,
    service_from        date,
    service_to          date,
    language            varchar(2)    not null,
    snapshot            jsonb         not null,
    pdf                 bytea         not null,
    xml                 text          not null,
    issued_by           uuid,
    issued_at           timestamptz   not null,
    unique (tenant_id, id),
    unique (tenant_id, number),
    unique (tenant_id, order_id, source),
    foreign key (tenant_id, order_id) references membership_order (tenant_id, id),
    foreign key (tenant_id, credited_invoice_id) references membership_invoice (tenant_id, id),
    check ((kind = 'INVOICE') = (credited_invoice_id is null))
);
create index membership_invoice_issued on membership_invoice (tenant_id, issued_on, number);
create index membership_invoice_order on membership_invoice (tenant_id, order_id);

create function membership_invoice_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'issued invoices and credit notes cannot be changed (% on %)', tg_op, tg_table_name
        using errcode = 'restrict_violation';
end $$;
create trigger membership_invoice_append_only before update or delete on membership_invoice
    for each row execute function membership_invoice_append_only();

-- Orders whose invoice could not be issued automatically (a mandatory mention missing): listed on the invoices page
-- with an "Issue" button; the row goes when the invoice is issued.
create table membership_invoice_blocked (
    tenant_id    uuid         not null references tenant (id),
    order_id     uuid         not null,
    mention      varchar(40)  not null,
    blocked_at   timestamptz  not null,
    primary key (tenant_id, order_id),
    foreign key (tenant_id, order_id) references membership_order (tenant_id, id)
);
