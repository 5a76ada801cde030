package eu.localeconomy.membership.catalogue;

public enum CampaignStatus {
    DRAFT, OPEN, CLOSED
}
