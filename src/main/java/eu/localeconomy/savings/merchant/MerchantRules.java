package eu.localeconomy.savings.merchant;

import eu.localeconomy.identifier.EnterpriseNumber;
import eu.localeconomy.identifier.Iban;
import eu.localeconomy.identifier.InvalidIdentifierException;
import org.springframework.validation.Errors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks of a merchant's data, shared by the public application, the owner's profile and the CSV import, so that
 * the three accept exactly the same merchants. Errors are message keys on the form's fields.
 */
final class MerchantRules {

    static final Set<String> LANGUAGES = Set.of("nl", "fr", "en");

    private MerchantRules() {
    }

    /** Checks everything; a draft when all is well. */
    static Optional<Merchants.Draft> check(MerchantForm form, Errors errors) {
        String name = text(form.businessName(), "businessName", 200, true, errors);
        EnterpriseNumber enterprise = enterpriseNumber(form.enterpriseNumber(), errors);
        Merchants.Category category = category(form.category(), errors);
        Iban iban = iban(form.iban(), "iban", errors);
        Optional<Profile> profile = checkProfile(form, errors);
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Merchants.Draft(name, enterprise, category, iban, profile.get().address(),
                profile.get().contact()));
    }

    record Profile(Merchants.Address address, Merchants.Contact contact) {
    }

    /** Checks what the owner may change alone: address, coordinates, contact, website, language. */
    static Optional<Profile> checkProfile(MerchantForm form, Errors errors) {
        String street = text(form.street(), "street", 200, true, errors);
        String houseNumber = text(form.houseNumber(), "houseNumber", 16, true, errors);
        String box = text(form.box(), "box", 16, false, errors);
        String postcode = text(form.postcode(), "postcode", 16, true, errors);
        if (postcode != null && !postcode.matches("[A-Za-z0-9 -]{3,16}")) {
            errors.rejectValue("postcode", "merchant.validation.postcode");
        }
        String municipality = text(form.municipality(), "municipality", 100, true, errors);
        BigDecimal latitude = coordinate(form.latitude(), "latitude", 90, errors);
        BigDecimal longitude = coordinate(form.longitude(), "longitude", 180, errors);
        if ((latitude == null) != (longitude == null) && !errors.hasFieldErrors("latitude")
                && !errors.hasFieldErrors("longitude")) {
            errors.rejectValue(latitude == null ? "latitude" : "longitude", "merchant.validation.coordinatesBoth");
        }
        String contactName = text(form.contactName(), "contactName", 200, true, errors);
        String email = text(form.contactEmail(), "contactEmail", 254, true, errors);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.rejectValue("contactEmail", "validation.email");
        }
        String phone = text(form.contactPhone(), "contactPhone", 40, false, errors);
        if (phone != null && !phone.matches("\\+?[0-9 ./()-]{6,39}")) {
            errors.rejectValue("contactPhone", "merchant.validation.phone");
        }
        String website = text(form.website(), "website", 300, false, errors);
        if (website != null) {
            if (!website.matches("(?i)https?://.*")) {
                website = "https://" + website;
            }
            if (!website.matches("(?i)https?://[^\\s/$.?#]+\\.[^\\s]+")) {
                errors.rejectValue("website", "merchant.validation.website");
            }
        }
        String language = form.language() == null ? "" : form.language().strip().toLowerCase(Locale.ROOT);
        if (!LANGUAGES.contains(language)) {
            errors.rejectValue("language", "validation.choice");
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new Profile(
                new Merchants.Address(street, houseNumber, box, postcode.toUpperCase(Locale.ROOT), municipality,
                        latitude, longitude),
                new Merchants.Contact(contactName, email, phone, website, language)));
    }

    static EnterpriseNumber enterpriseNumber(String input, Errors errors) {
        if (input == null || input.isBlank()) {
            errors.rejectValue("enterpriseNumber", "validation.required");
            return null;
        }
        try {
            return EnterpriseNumber.parse(input);
        } catch (InvalidIdentifierException e) {
            errors.rejectValue("enterpriseNumber", "checksum".equals(e.reason())
                    ? "merchant.validation.enterprise.checksum" : "merchant.validation.enterprise.format");
            return null;
        }
    }

    static Iban iban(String input, String field, Errors errors) {
        if (input == null || input.isBlank()) {
            errors.rejectValue(field, "validation.required");
            return null;
        }
        try {
            return Iban.parse(input);
        } catch (InvalidIdentifierException e) {
            errors.rejectValue(field, switch (e.reason()) {
                case "checksum" -> "merchant.validation.iban.checksum";
                case "country" -> "merchant.validation.iban.country";
                default -> "merchant.validation.iban.format";
            });
            return null;
        }
    }

    static Merchants.Category category(String input, Errors errors) {
        try {
            return Merchants.Category.valueOf(input == null ? "" : input.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.rejectValue("category", input == null || input.isBlank() ? "validation.required" : "validation.choice");
            return null;
        }
    }

    private static String text(String input, String field, int max, boolean required, Errors errors) {
        String s = input == null ? "" : input.strip().replaceAll("\\s+", " ");
        if (s.isEmpty()) {
            if (required) {
                errors.rejectValue(field, "validation.required");
            }
            return null;
        }
        if (s.length() > max) {
            errors.rejectValue(field, "validation.tooLong");
            return null;
        }
        return s;
    }

    private static BigDecimal coordinate(String input, String field, int bound, Errors errors) {
        if (input == null || input.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(input.strip().replace(',', '.'));
            if (value.abs().compareTo(BigDecimal.valueOf(bound)) > 0) {
                errors.rejectValue(field, "merchant.validation.coordinate");
                return null;
            }
            // numeric(9, 6): about 10 cm, more than a shop door needs.
            return value.setScale(6, RoundingMode.HALF_UP);
        } catch (NumberFormatException e) {
            errors.rejectValue(field, "merchant.validation.coordinate");
            return null;
        }
    }
}
