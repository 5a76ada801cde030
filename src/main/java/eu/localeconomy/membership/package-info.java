/**
 * Membership campaigns of tourism offices. Owns the {@code membership_*} tables. Sub-packages by capability, all
 * inside this one application module:
 * <ul>
 *   <li>{@code sync}: imports of establishments from the tourism database (Tourinsoft syndication feeds, with a
 *       field-mapping profile per tenant) and from CSV files, as jobs with a report;</li>
 *   <li>{@code catalogue}: campaigns per season, product ranges assigned to directory segments, products, price
 *       rules evaluated in order with an explanation, view-as-prospect and the price matrix;</li>
 *   <li>{@code extranet}: professionals invited to the extranet, the dynamic basket, terms of sale and their
 *       acceptance, orders awaiting payment.</li>
 * </ul>
 * Establishments, custom fields and segments belong to the directory module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Membership campaigns")
package eu.localeconomy.membership;
