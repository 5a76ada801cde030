/**
 * Outgoing e-mail: a transactional outbox ({@code mail_outbox}) filled in the same transaction as the business change,
 * Thymeleaf templates per language, a dispatcher that delivers over SMTP with retries and back-off (one node at a time,
 * through ShedLock), and, when no SMTP server is configured, a development mailbox page that shows what would have
 * been sent.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Mail")
package eu.localeconomy.mail;
