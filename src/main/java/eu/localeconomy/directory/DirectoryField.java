package eu.localeconomy.directory;

import eu.localeconomy.shared.Language;

import java.util.List;
import java.util.Map;

/**
 * A field criteria, price rules, import mappings and lists can name: a standard one (key {@code capacity_rooms},
 * label from the directory bundle {@code directory.field.capacity_rooms}) or a custom one (key
 * {@code custom.<key>}, labels from its definition).
 */
public record DirectoryField(String key, FieldType type, boolean custom, Map<Language, String> labels,
                             List<Choice> choices) {

    public record Choice(String code, Map<Language, String> labels) {
    }
}
