package eu.localeconomy.directory;

/** What an establishment is; labels in the directory bundle as {@code directory.type.<NAME>}. */
public enum EstablishmentType {
    HOTEL, RENTAL, CAMPSITE, GROUP_LODGING, RESTAURANT, ACTIVITY, VENUE, SHOP, OTHER
}
