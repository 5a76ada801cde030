package eu.localeconomy.savings.card;

/** How cards are laid out on paper for the printer. */
public enum PrintLayout {
    /** One A4 letter per card: the address sits in the window of a DL envelope, the card between the folds. */
    CARRIER,
    /** Ten cards per A4 sheet, two columns of five, edge to edge, with crop marks on the margins. */
    SHEET
}
