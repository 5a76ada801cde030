package eu.localeconomy.shared;

/** The two kinds of organisation the platform serves. */
public enum TenantKind {
    /** Runs savings card and voucher programmes. */
    MUNICIPALITY,
    /** Runs membership campaigns for tourism professionals. */
    TOURISM_OFFICE
}
