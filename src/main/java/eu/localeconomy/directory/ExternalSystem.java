package eu.localeconomy.directory;

/** External databases establishments are read from (and, in a later issue, written back to). */
public enum ExternalSystem {
    TOURINSOFT, APIDAE, DATATOURISME, CSV
}
