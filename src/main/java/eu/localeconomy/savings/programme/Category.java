package eu.localeconomy.savings.programme;

import eu.localeconomy.shared.Language;

import java.util.Map;
import java.util.UUID;

/** A beneficiary category of a programme (resident household, second home, camper…) with its rate and cap. */
public record Category(UUID id, UUID programmeId, String code, Map<String, String> names, Register register,
                       Rate rate, long capCents, int position) {

    /** The name in a language, falling back to English, then Dutch, then the code. */
    public String name(Language language) {
        for (String code : new String[]{language.code(), "en", "nl", "fr"}) {
            String name = names.get(code);
            if (name != null && !name.isBlank()) {
                return name;
            }
        }
        return code;
    }
}
