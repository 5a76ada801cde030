package eu.localeconomy.savings.merchant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.validation.BeanPropertyBindingResult;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of merchant handling: form rules, import header mapping, device credential format. */
class MerchantRulesTest {

    static MerchantForm form(String enterprise, String iban, String lat, String lon, String website) {
        return new MerchantForm("Shop", enterprise, "shop", iban, "Street", "1", "", "9000", "Gent", lat, lon, "An",
                "an@shop.test", "", website, "NL");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "0403.019.261 | BE68 5390 0754 7034 |         |        |                 | null",
            "BE0403019261 | be68-5390-0754-7034 | 51,05   | 3.72   | shop.test       | null",
            "403019261    | BE68539007547034    |         |        |                 | null",
            "0403.019.262 | BE68539007547034    |         |        |                 | enterpriseNumber:merchant.validation.enterprise.checksum",
            "12           | BE68539007547034    |         |        |                 | enterpriseNumber:merchant.validation.enterprise.format",
            "0403019261   | BE68539007547035    |         |        |                 | iban:merchant.validation.iban.checksum",
            "0403019261   | US68539007547034    |         |        |                 | iban:merchant.validation.iban.country",
            "0403019261   | BE68                |         |        |                 | iban:merchant.validation.iban.format",
            "0403019261   | BE68539007547034    | 91      | 3      |                 | latitude:merchant.validation.coordinate",
            "0403019261   | BE68539007547034    | 51      |        |                 | longitude:merchant.validation.coordinatesBoth",
            "0403019261   | BE68539007547034    |         |        | not a site      | website:merchant.validation.website",
    })
    void rules(String enterprise, String iban, String lat, String lon, String website, String expectedError) {
        var form = form(enterprise, iban, lat == null ? "" : lat, lon == null ? "" : lon, website == null ? "" : website);
        var errors = new BeanPropertyBindingResult(form, "form");
        var draft = MerchantRules.check(form, errors);
        if (expectedError == null) {
            assertThat(errors.getAllErrors()).isEmpty();
            assertThat(draft).isPresent();
            assertThat(draft.get().enterpriseNumber().value()).isEqualTo("0403019261");
            assertThat(draft.get().iban().value()).isEqualTo("BE68539007547034");
            assertThat(draft.get().category()).isEqualTo(Merchants.Category.SHOP);
            assertThat(draft.get().contact().language()).isEqualTo("nl");
        } else {
            assertThat(draft).isEmpty();
            assertThat(errors.getFieldErrors()).extracting(e -> e.getField() + ":" + e.getCode()).contains(expectedError);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Naam;Ondernemingsnummer;Categorie;IBAN;Straat;Huisnummer;Postcode;Gemeente;Contactpersoon;E-mail | BUSINESS_NAME,ENTERPRISE_NUMBER,CATEGORY,IBAN,STREET,HOUSE_NUMBER,POSTCODE,MUNICIPALITY,CONTACT_NAME,CONTACT_EMAIL",
            "Nom commercial;Numéro d'entreprise;Catégorie;Compte bancaire;Rue;N°;Code postal;Localité;Personne de contact;Courriel | BUSINESS_NAME,ENTERPRISE_NUMBER,CATEGORY,IBAN,STREET,HOUSE_NUMBER,POSTCODE,MUNICIPALITY,CONTACT_NAME,CONTACT_EMAIL",
            "\uFEFFBusiness name;VAT;Type;IBAN;Street;Number;ZIP;City;Contact name;Email;Lat;Lng;Ignored | BUSINESS_NAME,ENTERPRISE_NUMBER,CATEGORY,IBAN,STREET,HOUSE_NUMBER,POSTCODE,MUNICIPALITY,CONTACT_NAME,CONTACT_EMAIL,LATITUDE,LONGITUDE",
    })
    void headersAreRecognisedInThreeLanguages(String header, String expected) {
        var positions = MerchantImport.mapHeader(List.of(header.split(";")));
        assertThat(positions.keySet()).extracting(Enum::name)
                .containsExactlyInAnyOrderElementsOf(List.of(expected.split(",")));
    }

    @ParameterizedTest
    @CsvSource({"Winkel,SHOP", "magasin,SHOP", "Café,CAFE", "restaurant,RESTAURANT", "Autre,OTHER", "andere,OTHER",
            "bakery,bakery"})
    void categoriesInTheCitysWords(String written, String category) {
        assertThat(MerchantImport.category(written)).isEqualTo(category);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"lmd_abcdefghij_secret,abcdefghij", "lmd_abcdefghij_,null",
            "lmd_abc_secret,null", "xyz_abcdefghij_secret,null", "lmd_abcdefghijk_secret,null"})
    void credentialPrefix(String credential, String prefix) {
        assertThat(MerchantDevices.prefixOf(credential)).isEqualTo(prefix);
    }
}
