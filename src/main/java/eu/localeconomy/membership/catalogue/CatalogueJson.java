package eu.localeconomy.membership.catalogue;

import eu.localeconomy.shared.Language;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The catalogue's jsonb columns: texts per language, rule parameters. */
final class CatalogueJson {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() { };

    private CatalogueJson() {
    }

    /** {"fr": "…", "en": "…"} → texts by language (unknown languages and blanks ignored). */
    static Map<Language, String> texts(String json) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        if (json == null) {
            return texts;
        }
        object(json).forEach((code, value) -> Language.fromCode(code).ifPresent(language -> {
            if (value instanceof String text && !text.isBlank()) {
                texts.put(language, text);
            }
        }));
        return texts;
    }

    /** {"fr": {"intro": "…"}} → the named text by language. */
    static Map<Language, String> nested(String json, String name) {
        Map<Language, String> texts = new EnumMap<>(Language.class);
        if (json == null) {
            return texts;
        }
        object(json).forEach((code, value) -> Language.fromCode(code).ifPresent(language -> {
            if (value instanceof Map<?, ?> map && map.get(name) instanceof String text && !text.isBlank()) {
                texts.put(language, text);
            }
        }));
        return texts;
    }

    static String textsJson(Map<Language, String> texts) {
        Map<String, String> map = new LinkedHashMap<>();
        texts.forEach((language, text) -> {
            if (text != null && !text.isBlank()) {
                map.put(language.code(), text.strip());
            }
        });
        return JSON.writeValueAsString(map);
    }

    static String nestedJson(Map<Language, String> texts, String name) {
        Map<String, Map<String, String>> map = new LinkedHashMap<>();
        texts.forEach((language, text) -> {
            if (text != null && !text.isBlank()) {
                map.put(language.code(), Map.of(name, text.strip()));
            }
        });
        return JSON.writeValueAsString(map);
    }

    static Map<String, Object> object(String json) {
        return json == null ? new LinkedHashMap<>() : JSON.readValue(json, OBJECT);
    }

    static String write(Object value) {
        return JSON.writeValueAsString(value);
    }
}
