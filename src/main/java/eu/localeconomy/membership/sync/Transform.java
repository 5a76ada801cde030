package eu.localeconomy.membership.sync;

import eu.localeconomy.directory.DirectoryField;

/**
 * How a feed or file value becomes a field value. TYPE maps a type name to an establishment type (options:
 * {@code Hôtellerie=HOTEL;Camping=CAMPSITE}); CLASSIFICATION reads "3 étoiles", "***" or "2 épis" into a scheme and a
 * value (options: the default scheme); MULTI splits {@code #}-separated items of {@code |}-separated parts into the
 * means of contact (target {@code contacts}) or an address (target {@code address}).
 */
public enum Transform {
    TEXT, INTEGER, DECIMAL, BOOLEAN, TYPE, CLASSIFICATION, MULTI, DATE;

    /** Pseudo-targets of MULTI: they fill several standard fields at once. */
    public static final String CONTACTS = "contacts";
    public static final String ADDRESS = "address";

    /** The transform a column mapped to this field gets by default (CSV files, new profile rows). */
    public static Transform defaultFor(DirectoryField field) {
        switch (field.key()) {
            case "type":
                return TYPE;
            case "classification_value":
                return CLASSIFICATION;
            case "capacity_persons", "capacity_rooms", "capacity_pitches", "member_seasons":
                return INTEGER;
            default:
                break;
        }
        return switch (field.type()) {
            case NUMBER -> DECIMAL;
            case BOOLEAN -> BOOLEAN;
            case DATE -> DATE;
            case TEXT, CHOICE -> TEXT;
        };
    }
}
