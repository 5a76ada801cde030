package eu.localeconomy.membership.followup;

import eu.localeconomy.account.Role;
import eu.localeconomy.directory.EstablishmentId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.FollowUpFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.TestTenants;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The campaign dashboard over a campaign with a prospect in every situation ({@link FollowUpFixtures#scenario}):
 * every stage counted right (declined apart, cancelled orders ignored), revenue by range and product, the method split
 * net of refunds, the previous season, and every number on the page leading to a list with exactly that many rows
 * (or that total), which the CSV and XLSX exports repeat.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    @Autowired FollowUpFixtures fixtures;
    @Autowired TestTenants tenants;
    @Autowired MockMvc mvc;
    @Autowired JdbcClient jdbc;

    FollowUpFixtures.Scenario scenario;
    TestTenants.Person staff;
    String base;

    @BeforeAll
    void campaign() {
        scenario = fixtures.scenario();
        staff = tenants.person(scenario.office().tenant(), Role.READ_ONLY);
        base = "/t/" + scenario.office().tenant().slug() + "/office/follow-up/campaigns/" + scenario.office().campaign();
    }

    @Test
    void everyProspectIsCountedOnceAtItsStage() throws Exception {
        Document page = page(base);
        Map<String, Integer> expected = Map.of("NOT_INVITED", 1, "INVITED", 1, "VISITED", 3, "BASKET", 1,
                "ORDERED", 4, "PAID", 2, "DECLINED", 1);
        expected.forEach((stage, count) -> assertThat(number(page, "#stage-" + stage + " td a"))
                .as(stage).isEqualTo(String.valueOf(count)));
        assertThat(page.selectFirst("#prospects-total").text()).contains("13");
        assertThat(stageOf("Hôtel Revenu")).as("declined, then ordered: counted by its order").isEqualTo("ORDERED");
        assertThat(stageOf("Hôtel Annulé")).as("only a cancelled order: back to its visit").isEqualTo("VISITED");
        assertThat(stageOf("Hôtel Chèque")).as("paid, part refunded: partially paid again").isEqualTo("ORDERED");
        assertThat(stageOf("Hôtel Remboursé")).as("everything given back: back to its visit").isEqualTo("VISITED");
    }

    @Test
    void revenueByRangeAndProductCountsLiveOrdersExcludingVat() throws Exception {
        Document page = page(base);
        var o = scenario.office();
        List<EstablishmentId> hotels = List.of(o.hotel(), scenario.partial(), scenario.cameBack(), scenario.card(), scenario.cheque());
        long hotelsOrdered = net(hotels);
        long hotelsPaid = net(List.of(scenario.card()));
        Element hotelsRow = row(page, "#revenue-range", "Gamme hôtels");
        assertThat(cells(hotelsRow)).containsExactly("5", euros(hotelsOrdered), "1", euros(hotelsPaid), euros(15000), euros(15000));
        Element campsitesRow = row(page, "#revenue-range", "Gamme campings");
        long campsite = net(List.of(o.campsite()));
        assertThat(cells(campsitesRow).subList(0, 4)).containsExactly("1", euros(campsite), "1", euros(campsite));
        assertThat(cells(page.selectFirst("#revenue-total"))).startsWith("6", euros(hotelsOrdered + campsite), "2",
                euros(hotelsPaid + campsite));
        // The guide was ordered by three hotels whose orders are live (the cancelled one does not count), none paid.
        assertThat(cells(row(page, "#revenue-product", "Guide papier")).subList(0, 3)).containsExactly("3",
                euros(3 * 1001), "0");
        // The web listing: the refunded order does not count.
        assertThat(cells(row(page, "#revenue-product", "Fiche web")).getFirst()).isEqualTo("2");
    }

    @Test
    void paymentMethodsShowWhatWasReceivedLessRefunds() throws Exception {
        Document page = page(base);
        long partial = fixtures.gross(scenario.tenant().id(), scenario.orders().get(scenario.partial())) / 2;
        long card = fixtures.gross(scenario.tenant().id(), scenario.orders().get(scenario.card()));
        long cheque = fixtures.gross(scenario.tenant().id(), scenario.orders().get(scenario.cheque())) - 1000;
        long cash = fixtures.gross(scenario.tenant().id(), scenario.orders().get(scenario.office().campsite()));
        // The refunded transfer nets to zero but its payer is counted.
        assertThat(cells(page.selectFirst("#method-TRANSFER")).subList(0, 2)).containsExactly("2", euros(partial));
        assertThat(cells(page.selectFirst("#method-CARD")).subList(0, 2)).containsExactly("1", euros(card));
        assertThat(cells(page.selectFirst("#method-CHEQUE")).subList(0, 2)).containsExactly("1", euros(cheque));
        assertThat(cells(page.selectFirst("#method-CASH")).subList(0, 2)).containsExactly("1", euros(cash));
        assertThat(cells(page.selectFirst("#method-total")).subList(0, 2)).containsExactly("5",
                euros(partial + card + cheque + cash));
        // Last season: one transfer of 180.00.
        assertThat(cells(page.selectFirst("#method-TRANSFER")).get(2)).isEqualTo(euros(18000));
    }

    @Test
    void thePreviousSeasonIsShownBesideWithItsOwnLists() throws Exception {
        Document page = page(base);
        assertThat(cells(page.selectFirst("#stage-PAID")).get(2)).isEqualTo("1");
        // Twelve hotels were offered last season's range (the campsite was not), one paid.
        assertThat(cells(page.selectFirst("#stage-NOT_INVITED")).get(2)).isEqualTo("11");
        String previousList = page.selectFirst("#stage-PAID td:nth-of-type(3) a").attr("href");
        assertThat(previousList).contains(scenario.previous().toString());
        assertThat(count(page(previousList))).isEqualTo(1);
    }

    @Test
    void everyNumberLeadsToAListOfThatManyRowsOrThatTotal() throws Exception {
        Document page = page(base);
        List<Element> links = new ArrayList<>(page.select("#stages a, #revenue-range a, #revenue-product a, #methods a"));
        links.add(page.selectFirst("#prospects-total"));
        assertThat(links).hasSizeGreaterThan(40);
        for (Element link : links) {
            Document list = page(link.attr("href"));
            String text = link.text();
            if (text.matches("\\d+")) {
                assertThat(count(list)).as(link.attr("href")).isEqualTo(Integer.parseInt(text));
            } else if (text.matches("\\d+ .*")) {
                assertThat(count(list)).as(link.attr("href")).isEqualTo(Integer.parseInt(text.split(" ")[0]));
            } else {
                assertThat(list.selectFirst("#prospect-total").text()).as(link.attr("href")).endsWith(text);
            }
        }
    }

    @Test
    void theListsAreExportedWithTheSameFilters() throws Exception {
        String hotels = scenario.office().hotels().toString();
        String query = "?revenue=ORDERED&range=" + hotels;
        int shown = count(page(base + "/prospects" + query));
        assertThat(shown).isEqualTo(5);
        byte[] csv = mvc.perform(get(base + "/prospects.csv" + query).with(authentication(staff.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFF");
        List<CSVRecord> records = CSVFormat.EXCEL.parse(new StringReader(text.substring(1))).getRecords();
        assertThat(records).hasSize(1 + shown);
        assertThat(records.getFirst().get(0)).isEqualTo("Establishment");
        assertThat(records.stream().skip(1).map(r -> r.get(0))).contains("Hôtel Carte", "Hôtel Chèque", "Hôtel Partiel");

        byte[] xlsx = mvc.perform(get(base + "/prospects.xlsx?stage=PAID").with(authentication(staff.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(xlsx));
             Stream<Row> rows = workbook.getFirstSheet().openStream()) {
            List<Row> all = rows.toList();
            assertThat(all).hasSize(1 + 2);
            assertThat(all.stream().skip(1).map(r -> r.getCellText(0)))
                    .containsExactlyInAnyOrder("Hôtel Carte", "Camping de la Baie");
        }
    }

    @Test
    void listsAreFilteredByTypeAndTextAndSurviveGarbage() throws Exception {
        assertThat(count(page(base + "/prospects?type=CAMPSITE"))).isEqualTo(1);
        assertThat(count(page(base + "/prospects?q=hotel%20c"))).as("accents and case ignored").isEqualTo(2);
        assertThat(count(page(base + "/prospects?range=" + scenario.office().campsites()))).isEqualTo(1);
        for (String garbage : List.of("?stage=NOPE", "?page=-4", "?page=99999999999", "?range=not-a-uuid",
                "?product=" + UUID.randomUUID(), "?method=BITCOIN&revenue=SOON", "?q=" + "x".repeat(500))) {
            mvc.perform(get(base + "/prospects" + garbage).with(authentication(staff.authentication())))
                    .andExpect(status().isOk());
        }
    }

    @Test
    void anotherTenantsCampaignAndAMunicipalityAreNotFound() throws Exception {
        var other = fixtures.scenario();
        String foreign = "/t/" + scenario.office().tenant().slug() + "/office/follow-up/campaigns/" + other.office().campaign();
        mvc.perform(get(foreign).with(authentication(staff.authentication()))).andExpect(status().isNotFound());
        mvc.perform(get(foreign + "/prospects").with(authentication(staff.authentication()))).andExpect(status().isNotFound());
        mvc.perform(get(foreign + "/prospects.csv").with(authentication(staff.authentication()))).andExpect(status().isNotFound());
        mvc.perform(get(base + "-x").with(authentication(staff.authentication()))).andExpect(status().isNotFound());
        var town = tenants.tenant(TenantKind.MUNICIPALITY);
        var townAdmin = tenants.person(town, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + town.slug() + "/office/follow-up").with(authentication(townAdmin.authentication())))
                .andExpect(status().isNotFound());
    }

    @Test
    void theIndexOpensTheOpenCampaign() throws Exception {
        mvc.perform(get("/t/" + scenario.office().tenant().slug() + "/office/follow-up")
                        .with(authentication(staff.authentication())))
                .andExpect(status().is3xxRedirection())
                .andExpect(r -> assertThat(r.getResponse().getRedirectedUrl()).endsWith(base));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Document page(String url) throws Exception {
        // A URI, not a template: the links are already encoded.
        var response = mvc.perform(get(java.net.URI.create(url)).with(authentication(staff.authentication())))
                .andReturn().getResponse();
        assertThat(response.getStatus()).as(url).isEqualTo(200);
        String html = response.getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(html);
    }

    private static int count(Document list) {
        return Integer.parseInt(list.selectFirst("#prospect-count").attr("data-count"));
    }

    private String stageOf(String name) throws Exception {
        for (String stage : List.of("NOT_INVITED", "INVITED", "VISITED", "BASKET", "ORDERED", "PAID", "DECLINED")) {
            Document list = page(base + "/prospects?stage=" + stage + "&q=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
            if (count(list) == 1) {
                return stage;
            }
        }
        return null;
    }

    private static String number(Document page, String selector) {
        return page.selectFirst(selector).text();
    }

    private static Element row(Document page, String table, String name) {
        return page.select(table + " tbody tr").stream().filter(tr -> tr.selectFirst("th").text().startsWith(name))
                .findFirst().orElseThrow(() -> new AssertionError(name + " not in " + table));
    }

    private static List<String> cells(Element row) {
        return row.select("td").stream().map(Element::text).toList();
    }

    private long net(List<EstablishmentId> establishments) {
        return jdbc.sql("""
                        select coalesce(sum(net_cents), 0) from membership_order
                        where tenant_id = ? and campaign_id = ? and status <> 'CANCELLED' and establishment_id = any(?)""")
                .params(scenario.tenant().id().value(), scenario.office().campaign().value(),
                        establishments.stream().map(EstablishmentId::value).toArray(UUID[]::new))
                .query(Long.class).single();
    }

    /** Money as the English pages write it. */
    private static String euros(long cents) {
        return String.format(java.util.Locale.ROOT, "€%,d.%02d", cents / 100, cents % 100);
    }
}
