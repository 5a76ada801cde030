/**
 * Campaigns, product ranges assigned to segments, products and price rules; {@link
 * eu.localeconomy.membership.catalogue.Catalogue} tells what an establishment is offered and at what price, with the
 * explanation of every price.
 */
package eu.localeconomy.membership.catalogue;
