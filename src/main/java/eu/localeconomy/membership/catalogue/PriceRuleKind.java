package eu.localeconomy.membership.catalogue;

/**
 * What a price rule does to the running price, in rule order after the base price:
 * <ul>
 *   <li>SET {@code {"amountCents":18000}}: the price becomes the amount (a price per category);</li>
 *   <li>PER_UNIT {@code {"field":"capacity_rooms","unitCents":200,"minCents":0,"maxCents":null,"mode":"ADD"}}:
 *       units × unit price, clamped to [min, max], added to (ADD) or replacing (SET) the price;</li>
 *   <li>BANDS {@code {"field":"capacity_persons","bands":[{"from":0,"to":49,"amountCents":5000},…],"mode":"SET"}}:
 *       the amount of the band the field's value falls in (inclusive bounds, open "to" = null);</li>
 *   <li>PERCENT {@code {"percent":"-50"}}: the price changes by a percentage (half-up on cents);</li>
 *   <li>ADJUST {@code {"amountCents":-2000}}: a fixed amount is added (the price never goes below zero).</li>
 * </ul>
 * Each applies only when its condition matches the establishment.
 */
public enum PriceRuleKind {
    SET, PER_UNIT, BANDS, PERCENT, ADJUST
}
