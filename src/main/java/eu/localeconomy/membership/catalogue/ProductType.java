package eu.localeconomy.membership.catalogue;

/**
 * MANDATORY: always in the basket of a prospect offered its range; OPTIONAL: added by choice; SUBSCRIPTION: an
 * optional product renewed each season (recorded as such for reminders); DONATION: a free amount at or above a minimum.
 */
public enum ProductType {
    MANDATORY, OPTIONAL, SUBSCRIPTION, DONATION
}
