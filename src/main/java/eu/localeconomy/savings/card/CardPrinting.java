package eu.localeconomy.savings.card;

import eu.localeconomy.savings.programme.Programme;
import eu.localeconomy.savings.programme.Programmes;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.tenant.Tenant;
import eu.localeconomy.tenant.Tenants;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Turns the card, household and category rows of a tenant into print runs. */
@Component
class CardPrinting {

    /** The columns {@link #printedCard} reads; the queries join card c, household h and category g. */
    static final String COLUMNS = """
            c.id, c.number, h.display_name, h.street, h.house_number, h.box, h.postcode, h.municipality,
            h.postal_name, h.postal_line1, h.postal_line2, h.postal_postcode, h.postal_city, h.postal_country,
            g.code as category_code""";

    private static final Set<String> FRENCH = Set.of("FR", "LU", "MC");
    private static final Set<String> GERMAN = Set.of("DE", "AT", "LI");

    private final Tenants tenants;
    private final Programmes programmes;
    private final CardTokens tokens;
    private final MessageSource messages;

    CardPrinting(Tenants tenants, Programmes programmes, CardTokens tokens, MessageSource messages) {
        this.tenants = tenants;
        this.programmes = programmes;
        this.tokens = tokens;
        this.messages = messages;
    }

    /** What a run needs to know of its tenant and programme, read once. */
    record Context(Tenant tenant, Programme programme, PrintRun.Letterhead letterhead) {

        String homeCountry() {
            return letterhead.homeCountry();
        }
    }

    Context context(TenantId tenantId, UUID programmeId) {
        Tenant tenant = tenants.findById(tenantId).orElseThrow(UnknownCardException::new);
        Programme programme = programmes.find(tenantId, programmeId).orElseThrow(UnknownCardException::new);
        Map<Language, String> titles = new EnumMap<>(Language.class);
        for (Language language : Language.values()) {
            titles.put(language, programme.text("title", language));
        }
        var legal = tenant.legal();
        String home = legal == null || legal.country() == null || legal.country().isBlank() ? "BE"
                : legal.country().toUpperCase(Locale.ROOT);
        String returnAddress = legal == null ? tenant.name() : Stream.of(
                        legal.legalName() == null || legal.legalName().isBlank() ? tenant.name() : legal.legalName(),
                        legal.street(), join(legal.postcode(), legal.city()))
                .filter(s -> s != null && !s.isBlank()).collect(Collectors.joining(" · "));
        byte[] logo = tenant.hasLogo() ? tenants.logoImage(tenantId).orElse(null) : null;
        var letterhead = new PrintRun.Letterhead(tenant.name(), logo, CardArtwork.colour(tenant.primaryColour()),
                returnAddress, home, titles, tokens.enrolmentPage(tenant.slug()));
        return new Context(tenant, programme, letterhead);
    }

    PrintRun start(Context context, OutputStream pdf, OutputStream csv, PrintLayout layout) {
        return new PrintRun(pdf, csv, layout, context.letterhead(), messages);
    }

    /**
     * A row as printed. The card goes to the postal address when the household has one (second-home owners living
     * elsewhere), else to the household's address in the municipality.
     */
    PrintedCard printedCard(Context context, ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        Tenant tenant = context.tenant();
        String holder = rs.getString("display_name");
        String postalLine1 = rs.getString("postal_line1");
        String addressee;
        List<String> lines = new ArrayList<>(2);
        String postcode;
        String city;
        String country;
        if (postalLine1 != null && !postalLine1.isBlank()) {
            String postalName = rs.getString("postal_name");
            addressee = postalName == null || postalName.isBlank() ? holder : postalName;
            lines.add(postalLine1);
            String postalLine2 = rs.getString("postal_line2");
            if (postalLine2 != null && !postalLine2.isBlank()) {
                lines.add(postalLine2);
            }
            postcode = rs.getString("postal_postcode");
            city = rs.getString("postal_city");
            String postalCountry = rs.getString("postal_country");
            country = postalCountry == null || postalCountry.isBlank() ? context.homeCountry()
                    : postalCountry.strip().toUpperCase(Locale.ROOT);
        } else {
            addressee = holder;
            String street = rs.getString("street") + " " + rs.getString("house_number");
            String box = rs.getString("box");
            if (box != null && !box.isBlank()) {
                street += " " + messages.getMessage("card.address.box", new Object[]{box.strip()},
                        tenant.defaultLanguage().locale());
            }
            lines.add(street);
            postcode = rs.getString("postcode");
            city = rs.getString("municipality");
            country = context.homeCountry();
        }
        Language language = languageFor(country, context.homeCountry(), tenant.defaultLanguage());
        return new PrintedCard(id, new CardNumber(rs.getString("number")), holder, addressee, List.copyOf(lines),
                postcode, city, country, rs.getString("category_code"), language,
                tokens.enrolmentUrl(tenant.slug(), tenant.id(), id));
    }

    /**
     * The language of a card's letter: the tenant's for mail at home; for owners living abroad, the language of their
     * country where the platform speaks it, else English.
     */
    static Language languageFor(String country, String homeCountry, Language tenantLanguage) {
        if (country == null || country.equalsIgnoreCase(homeCountry)) {
            return tenantLanguage;
        }
        if (FRENCH.contains(country)) {
            return Language.FR;
        }
        if (GERMAN.contains(country)) {
            return Language.DE;
        }
        if ("NL".equals(country)) {
            return Language.NL;
        }
        if ("BE".equals(country) || "CH".equals(country)) {
            return tenantLanguage;
        }
        return Language.EN;
    }

    private static String join(String postcode, String city) {
        return ((postcode == null ? "" : postcode) + " " + (city == null ? "" : city)).strip();
    }
}
