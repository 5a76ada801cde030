package eu.localeconomy.savings.programme;

import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;

import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * A savings programme of one tenant for one season, with its phase calendar (business dates in the tenant's
 * time zone, both ends inclusive).
 */
public record Programme(UUID id, TenantId tenantId, String season, String name,
                        Map<String, Map<String, String>> texts, Rounding rounding,
                        ResidentIdentifier residentIdentifier,
                        LocalDate enrolmentOpensOn, LocalDate enrolmentClosesOn,
                        LocalDate earnFrom, LocalDate earnUntil, LocalDate conversionOn,
                        LocalDate spendFrom, LocalDate spendUntil, int privacyNoticeVersion,
                        Limits limits) {

    /**
     * What one scan may register: the largest purchase, the most one card may register at one merchant on one
     * business day (null: no limit), and how many minutes the merchant may reverse its own transaction.
     */
    public record Limits(Long maxPurchaseCents, Long maxDailyPurchaseCents, int reversalWindowMinutes) {

        public static final Limits DEFAULT = new Limits(null, null, 15);
    }

    public boolean enrolmentOpen(LocalDate today) {
        return !today.isBefore(enrolmentOpensOn) && !today.isAfter(enrolmentClosesOn);
    }

    public boolean earnOpen(LocalDate today) {
        return !today.isBefore(earnFrom) && !today.isAfter(earnUntil);
    }

    public boolean spendOpen(LocalDate today) {
        return !today.isBefore(spendFrom) && !today.isAfter(spendUntil);
    }

    /** The main phase on a date: earning or spending wins over enrolment when windows overlap. */
    public Phase phaseOn(LocalDate today) {
        if (today.isBefore(enrolmentOpensOn) && today.isBefore(earnFrom)) {
            return Phase.NOT_STARTED;
        }
        if (earnOpen(today)) {
            return Phase.EARN;
        }
        if (spendOpen(today)) {
            return Phase.SPEND;
        }
        if (today.isAfter(spendUntil)) {
            return Phase.ENDED;
        }
        if (today.isAfter(earnUntil)) {
            return Phase.CONVERSION;
        }
        return Phase.ENROLMENT;
    }

    /** A citizen-facing text ("title", "intro") in a language, falling back to the programme name. */
    public String text(String key, Language language) {
        for (String code : new String[]{language.code(), "en", "nl", "fr"}) {
            var texts = this.texts.get(code);
            if (texts != null && texts.get(key) != null && !texts.get(key).isBlank()) {
                return texts.get(key);
            }
        }
        return "title".equals(key) ? name : "";
    }

}
