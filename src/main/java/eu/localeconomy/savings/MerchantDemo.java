package eu.localeconomy.savings;

import eu.localeconomy.identifier.EnterpriseNumber;
import eu.localeconomy.identifier.Iban;
import eu.localeconomy.savings.ledger.Counter;
import eu.localeconomy.savings.ledger.Ledger;
import eu.localeconomy.savings.merchant.MerchantDevices;
import eu.localeconomy.savings.merchant.Merchants;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.UserId;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo's merchants: twenty approved shops, cafés and restaurants of Duinhaven (the first one, Bakkerij Zeewind,
 * with the demo owner and cashier and a counter device), two applications waiting for the city and one suspended
 * bar; and a few purchases on the demo citizen's card, registered through the ledger as a counter would.
 */
@Component
class MerchantDemo {

    /** The demo accounts that work at Bakkerij Zeewind. */
    record Staff(UserId owner, UserId cashier) {
    }

    private record Shop(String name, Merchants.Category category, String street, String number, double lat, double lon) {
    }

    private static final List<Shop> APPROVED = List.of(
            new Shop("Bakkerij Zeewind", Merchants.Category.SHOP, "Kerkstraat", "14", 51.2291, 2.9112),
            new Shop("Café De Vuurtoren", Merchants.Category.CAFE, "Zeedijk", "88", 51.2318, 2.9071),
            new Shop("Restaurant Het Anker", Merchants.Category.RESTAURANT, "Vissersstraat", "3", 51.2302, 2.9140),
            new Shop("Visrestaurant De Garnaal", Merchants.Category.RESTAURANT, "Zeedijk", "120", 51.2325, 2.9040),
            new Shop("Boekhandel Duinlezer", Merchants.Category.SHOP, "Dorpsstraat", "27", 51.2279, 2.9160),
            new Shop("Slagerij Maes", Merchants.Category.SHOP, "Dorpsstraat", "41", 51.2274, 2.9172),
            new Shop("IJssalon Strandparel", Merchants.Category.CAFE, "Zeedijk", "64", 51.2311, 2.9090),
            new Shop("Brasserie Zeezicht", Merchants.Category.RESTAURANT, "Zeedijk", "15", 51.2330, 2.9010),
            new Shop("Fietsverhuur Duinhaven", Merchants.Category.OTHER, "Strandweg", "2", 51.2296, 2.9021),
            new Shop("Kaashandel De Kust", Merchants.Category.SHOP, "Kustlaan", "9", 51.2285, 2.9105),
            new Shop("Wafelhuis De Meeuw", Merchants.Category.CAFE, "Meeuwenlaan", "5", 51.2289, 2.9061),
            new Shop("Surfshop Golfslag", Merchants.Category.SHOP, "Golvenstraat", "18", 51.2307, 2.8995),
            new Shop("Bloemen Helmgras", Merchants.Category.SHOP, "Parklaan", "33", 51.2262, 2.9130),
            new Shop("Kledingzaak Zoute Wind", Merchants.Category.SHOP, "Lippenslaan", "52", 51.2270, 2.9088),
            new Shop("Pizzeria Marina", Merchants.Category.RESTAURANT, "Elisabetlaan", "11", 51.2283, 2.9038),
            new Shop("Tearoom Zandkorrel", Merchants.Category.CAFE, "Duinenstraat", "7", 51.2258, 2.9069),
            new Shop("Krantenwinkel Kustlaan", Merchants.Category.SHOP, "Kustlaan", "70", 51.2276, 2.9119),
            new Shop("Speelgoed Zandkasteel", Merchants.Category.SHOP, "Lippenslaan", "19", 51.2266, 2.9101),
            new Shop("Vishandel Noordzee", Merchants.Category.SHOP, "Vissersstraat", "21", 51.2299, 2.9151),
            new Shop("Café Den Dijk", Merchants.Category.CAFE, "Zeedijk", "142", 51.2333, 2.8985));

    private final Merchants merchants;
    private final MerchantDevices devices;
    private final Ledger ledger;

    MerchantDemo(Merchants merchants, MerchantDevices devices, Ledger ledger) {
        this.merchants = merchants;
        this.devices = devices;
        this.ledger = ledger;
    }

    void load(TenantId tenant, Staff staff, UUID citizenCard) {
        var approved = new ArrayList<UUID>();
        for (int i = 0; i < APPROVED.size(); i++) {
            approved.add(merchants.create(tenant, draft(APPROVED.get(i), i), Merchants.Status.APPROVED, Actor.SYSTEM, "demo"));
        }
        merchants.create(tenant, draft(new Shop("Frituur 't Pleintje", Merchants.Category.RESTAURANT, "Dorpsstraat", "2",
                51.2281, 2.9180), 40), Merchants.Status.APPLIED, Actor.SYSTEM, "demo");
        merchants.create(tenant, draft(new Shop("Souvenirs De Kaap", Merchants.Category.SHOP, "Zeedijk", "30",
                51.2321, 2.9060), 41), Merchants.Status.APPLIED, Actor.SYSTEM, "demo");
        UUID suspended = merchants.create(tenant, draft(new Shop("Bar Eb en Vloed", Merchants.Category.CAFE, "Zeedijk", "99",
                51.2319, 2.9050), 42), Merchants.Status.APPROVED, Actor.SYSTEM, "demo");
        merchants.suspend(tenant, suspended, "Scans outside opening hours under review", Actor.SYSTEM);

        UUID bakery = approved.getFirst();
        UUID counterDevice = null;
        if (staff != null) {
            merchants.link(tenant, bakery, staff.owner(), Merchants.StaffRole.OWNER, Actor.SYSTEM);
            merchants.link(tenant, bakery, staff.cashier(), Merchants.StaffRole.CASHIER, Actor.SYSTEM);
            // Its credential is shown once and not kept: the owner registers his own browser to try the counter.
            counterDevice = devices.register(tenant, bakery, "Toonbank 1", staff.owner()).device().id();
        }
        UserId cashier = staff == null ? null : staff.cashier();
        // Purchases on the demo citizen's card, as the counters registered them.
        earn(new Counter(tenant, bakery, counterDevice, cashier), citizenCard, 24_80, "demo-earn-1");
        earn(new Counter(tenant, approved.get(1), null, null), citizenCard, 12_50, "demo-earn-2");
        earn(new Counter(tenant, approved.get(2), null, null), citizenCard, 86_00, "demo-earn-3");
        earn(new Counter(tenant, bakery, counterDevice, cashier), citizenCard, 9_60, "demo-earn-4");
    }

    private void earn(Counter counter, UUID card, long purchaseCents, String key) {
        ledger.earn(counter, card, purchaseCents, key);
    }

    private static Merchants.Draft draft(Shop shop, int index) {
        String slug = shop.name().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-").replaceAll("(^-|-$)", "");
        return new Merchants.Draft(shop.name(), enterpriseNumber(index), shop.category(), iban(index),
                new Merchants.Address(shop.street(), shop.number(), null, "8300", "Duinhaven",
                        BigDecimal.valueOf(shop.lat()), BigDecimal.valueOf(shop.lon())),
                new Merchants.Contact("Contact " + shop.name(), "info@" + slug + ".test", "+32 59 00 00 " + (10 + index),
                        "https://" + slug + ".test", "nl"));
    }

    /** An invented enterprise number with valid check digits: eight digits, then 97 − (them mod 97). */
    private static EnterpriseNumber enterpriseNumber(int index) {
        long base = 7_100_000L + 1_337L * index;
        return new EnterpriseNumber("%08d%02d".formatted(base, 97 - base % 97));
    }

    /** An invented Belgian IBAN with valid national and international check digits. */
    private static Iban iban(int index) {
        long account = 1_000_000_000L + 7_919L * index;
        long national = account % 97 == 0 ? 97 : account % 97;
        String bban = "%010d%02d".formatted(account, national);
        int check = 98 - new BigInteger(bban + "111400").mod(BigInteger.valueOf(97)).intValue();
        return Iban.parse("BE%02d%s".formatted(check, bban));
    }
}
