/**
 * Following a campaign: what happened to each prospect (visits of the campaign page, baskets, orders, payments,
 * declines, mails sent), the campaign dashboard with prospects by stage, revenue by range and product, the payment
 * split and the previous season, with every number leading to its list (filterable, CSV / XLSX), and each
 * establishment's timeline with staff notes.
 */
package eu.localeconomy.membership.followup;
