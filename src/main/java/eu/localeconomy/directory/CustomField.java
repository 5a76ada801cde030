package eu.localeconomy.directory;

import eu.localeconomy.shared.Language;

import java.util.List;
import java.util.Map;

/** A field the tenant defined (the tourism database's custom criteria); its values are under {@code custom.<key>}. */
public record CustomField(String key, FieldType type, Map<Language, String> labels,
                          List<DirectoryField.Choice> choices, int position) {
}
