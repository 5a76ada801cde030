/**
 * People and how they log in: user accounts with one role each, form login scoped to a tenant, argon2id password
 * hashing, lockout and rate limiting of failed logins, TOTP second factor, password reset and staff invitations by
 * e-mail (single-use, expiring tokens), per-user language, and the web security rules that keep every user inside
 * their own tenant and role. Owns {@code user_account} and {@code account_token}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts and access")
package eu.localeconomy.account;
