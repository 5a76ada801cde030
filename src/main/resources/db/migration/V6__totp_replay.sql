-- The last TOTP time step accepted per account: a code, once used, cannot be replayed within its 30-second window.
alter table user_account add column totp_last_step bigint;
