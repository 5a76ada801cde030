-- A fully refunded order no longer blocks the establishment: like a cancelled one, it is not "live", so the
-- professional may order again in the same campaign (the follow-up counts it for nothing already).
drop index membership_order_live;
create unique index membership_order_live on membership_order (tenant_id, campaign_id, establishment_id)
    where status not in ('CANCELLED', 'REFUNDED');
