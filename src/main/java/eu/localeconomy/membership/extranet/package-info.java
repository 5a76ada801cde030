/**
 * The professionals' extranet: invitations, their establishments and the ranges offered to each, the dynamic basket
 * (htmx, live totals), versioned terms of sale and their acceptance, and orders awaiting payment.
 */
package eu.localeconomy.membership.extranet;
