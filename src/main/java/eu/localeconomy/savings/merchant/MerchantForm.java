package eu.localeconomy.savings.merchant;

/**
 * A merchant as typed in the public application form, the owner's profile form or a row of an import: plain text,
 * checked by {@link MerchantRules}. Coordinates are decimal degrees (WGS 84), both or neither.
 */
record MerchantForm(String businessName, String enterpriseNumber, String category, String iban, String street,
                    String houseNumber, String box, String postcode, String municipality, String latitude,
                    String longitude, String contactName, String contactEmail, String contactPhone, String website,
                    String language) {

    static MerchantForm empty(String language) {
        return new MerchantForm("", "", "", "", "", "", "", "", "", "", "", "", "", "", "", language);
    }

    static MerchantForm of(Merchants.Details m) {
        var a = m.address();
        var c = m.contact();
        return new MerchantForm(m.businessName(), m.enterpriseNumber().formatted(), m.category().name(),
                m.iban().formatted(), a.street(), a.houseNumber(), nz(a.box()), a.postcode(), a.municipality(),
                a.latitude() == null ? "" : a.latitude().toPlainString(),
                a.longitude() == null ? "" : a.longitude().toPlainString(), c.name(), c.email(), nz(c.phone()),
                nz(c.website()), c.language());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
