package eu.localeconomy.account;

import java.io.Serializable;

/** Which tenant's login form was used, and from where. */
record LoginDetails(String tenantSlug, String remoteAddress) implements Serializable {
}
