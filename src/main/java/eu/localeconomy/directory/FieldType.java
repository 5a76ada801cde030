package eu.localeconomy.directory;

/** Kinds of values a directory field holds, standard or custom. */
public enum FieldType {
    TEXT, NUMBER, BOOLEAN, CHOICE, DATE
}
