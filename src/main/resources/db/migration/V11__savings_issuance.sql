-- Card issuance: a batch prints a set of cards (print-ready PDF and mail-merge CSV for the mailing house).
-- The cards of a batch are fixed when it is created, so a re-run (after a crash) prints exactly the same cards.
create table savings_issuance_batch (
    id               uuid         primary key,
    tenant_id        uuid         not null references tenant (id),
    programme_id     uuid         not null,
    -- Which cards: ALL not yet printed, those of a CATEGORY or of POSTCODES not yet printed, or a list of NUMBERS.
    selection        varchar(16)  not null check (selection in ('ALL', 'CATEGORY', 'POSTCODES', 'NUMBERS')),
    -- The category id, the postcodes or the card numbers (comma-separated), as chosen.
    selection_value  text,
    -- CARRIER: one A4 letter per card, address in the window of a DL envelope; SHEET: ten cards per A4 sheet.
    layout           varchar(16)  not null check (layout in ('CARRIER', 'SHEET')),
    status           varchar(16)  not null default 'QUEUED' check (status in ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    card_count       integer      not null default 0,
    done_count       integer      not null default 0,
    -- Files relative to app.files.dir, set once written.
    pdf_file         varchar(300),
    csv_file         varchar(300),
    pdf_bytes        bigint,
    csv_bytes        bigint,
    error_key        varchar(100),
    -- The background job generating it (module job); a retry submits a new one.
    job_id           uuid,
    requested_by     uuid,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    unique (tenant_id, id),
    foreign key (tenant_id, programme_id) references savings_programme (tenant_id, id)
);
create index savings_issuance_batch_tenant on savings_issuance_batch (tenant_id, created_at desc);

-- The cards of a batch, in the order they are printed (postal sorting: country, postcode, street).
create table savings_issuance_item (
    batch_id   uuid    not null references savings_issuance_batch (id) on delete cascade,
    position   integer not null,
    tenant_id  uuid    not null,
    card_id    uuid    not null,
    primary key (batch_id, position),
    unique (batch_id, card_id),
    foreign key (tenant_id, card_id) references savings_card (tenant_id, id)
);
