-- Helpdesk search over the households of a programme (400,000 must answer at once). pg_trgm is not available:
-- prefixes are searched with btree text_pattern_ops indexes on lower-cased text, results are listed by name.
create index savings_household_by_name on savings_household (tenant_id, programme_id, display_name, id);
create index savings_household_by_street on savings_household (tenant_id, programme_id, lower(street) text_pattern_ops);
create index savings_household_member_last_name
    on savings_household_member (tenant_id, programme_id, lower(last_name) text_pattern_ops);
create index savings_household_member_full_name
    on savings_household_member (tenant_id, programme_id, lower(first_name || ' ' || last_name) text_pattern_ops);
-- Rare statuses and small categories are listed and counted without walking every household; the category index
-- also answers "do households use this category?" when a programme is edited.
create index savings_household_by_status on savings_household (tenant_id, programme_id, status, display_name, id);
create index savings_household_by_category on savings_household (tenant_id, category_id, display_name, id);
