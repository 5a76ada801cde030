package eu.localeconomy.membership.invoice;

import eu.localeconomy.account.Role;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.BasketFixtures;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.InvoiceFixtures;
import eu.localeconomy.support.TestTenants;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The invoice settings page: saved and read back normalised, identifiers and formats refused with a message on the
 * field in the user's language (never a 500), the live next-number example, image uploads checked by reading them,
 * administrators only, tourism offices only.
 */
@IntegrationTest
class InvoiceSettingsIT {

    @Autowired MockMvc mvc;
    @Autowired BasketFixtures offices;
    @Autowired TestTenants tenants;
    @Autowired InvoiceSetup setup;

    @Test
    void anAdministratorSavesCompleteSettingsAndSeesTheNextNumber() throws Exception {
        var office = offices.office(true);
        var admin = tenants.person(office.tenant(), Role.TENANT_ADMIN, Language.FR);
        String base = "/t/" + office.tenant().slug() + "/office/invoice-settings";
        String page = mvc.perform(get(base).with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Paramètres de facturation", "Pas d&#39;escompte pour paiement anticipé.",
                "Prochain numéro : FA-");

        var form = fields(InvoiceFixtures.complete(InvoiceSettings.IssueAt.ORDER));
        form.put("siren", "732 829 320");
        form.put("apeCode", "7990z");
        form.put("vatNumber", "fr 44 732829320");
        form.put("invoiceFormat", "{PREFIX}-{YYYY}-{SEQ:4}");
        form.put("invoicePrefix", "OT");
        mvc.perform(with(post(base), form).with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection());
        var saved = setup.settings(office.tenant().id());
        assertThat(saved.siren()).isEqualTo("732829320");
        assertThat(saved.apeCode()).isEqualTo("79.90Z");
        assertThat(saved.vatNumber()).isEqualTo("FR44732829320");
        assertThat(saved.issueAt()).isEqualTo(InvoiceSettings.IssueAt.ORDER);
        assertThat(mvc.perform(get(base).with(authentication(admin.authentication())))
                .andReturn().getResponse().getContentAsString()).contains("Prochain numéro : OT-", "-0001");

        String example = mvc.perform(get(base + "/next-number").param("kind", "CREDIT_NOTE")
                        .param("creditNoteFormat", "AV{YY}{MM}-{SEQ:3}").param("creditNotePrefix", "")
                        .header("HX-Request", "true").with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(example).contains("id=\"credit-example\"", "Prochain numéro : AV").containsPattern("AV\\d{4}-001");
        String refused = mvc.perform(get(base + "/next-number").param("kind", "INVOICE").param("invoiceFormat", "FA-{YYYY}")
                        .header("HX-Request", "true").with(authentication(admin.authentication())))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("un compteur {SEQ:n}");
    }

    @Test
    void badIdentifiersAndFormatsAreNamedOnTheirField() throws Exception {
        var office = offices.office(true);
        var admin = tenants.person(office.tenant(), Role.TENANT_ADMIN, Language.EN);
        String base = "/t/" + office.tenant().slug() + "/office/invoice-settings";
        Map<String, String[]> cases = Map.of(
                "siren", new String[]{"123456789", "This SIREN is not valid"},
                "siret", new String[]{"73282932000075", "This SIRET is not valid"},
                "apeCode", new String[]{"ABCDE", "This APE code is not valid"},
                "vatNumber", new String[]{"FR00732829320", "This VAT number is not valid"},
                "invoiceFormat", new String[]{"FA-{YYYY}", "needs a counter"},
                "creditNoteFormat", new String[]{"AV-{YEAR}-{SEQ:4}", "Unknown tag {YEAR}"},
                "referentEmail", new String[]{"not-an-address", "valid e-mail address"},
                "legalName", new String[]{"x".repeat(5000), "At most 200 characters"});
        for (var c : cases.entrySet()) {
            var form = fields(InvoiceFixtures.complete(InvoiceSettings.IssueAt.PAYMENT));
            form.put(c.getKey(), c.getValue()[0]);
            String page = mvc.perform(with(post(base), form).with(csrf()).with(authentication(admin.authentication())))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(page).as(c.getKey()).contains(c.getValue()[1], "href=\"#" + c.getKey() + "\"",
                    "id=\"" + c.getKey() + "-error\"");
        }
        assertThat(setup.saved(office.tenant().id())).isFalse();
        // Enum fields tampered with fall back to the defaults rather than failing.
        var form = fields(InvoiceFixtures.complete(InvoiceSettings.IssueAt.PAYMENT));
        form.put("issueAt", "TOMORROW");
        form.put("vatRegime", "'; drop table");
        mvc.perform(with(post(base), form).with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection());
        assertThat(setup.settings(office.tenant().id()).issueAt()).isEqualTo(InvoiceSettings.IssueAt.PAYMENT);
    }

    @Test
    void imagesAreReadBeforeTheyAreKept() throws Exception {
        var office = offices.office(true);
        var admin = tenants.person(office.tenant(), Role.TENANT_ADMIN, Language.EN);
        String base = "/t/" + office.tenant().slug() + "/office/invoice-settings";
        byte[] png = png(120, 40);
        mvc.perform(multipart(base + "/image/logo").file(new MockMultipartFile("file", "logo.png", "image/png", png))
                .with(csrf()).with(authentication(admin.authentication()))).andExpect(status().is3xxRedirection());
        assertThat(setup.image(office.tenant().id(), InvoiceImage.Kind.LOGO)).hasValueSatisfying(i -> {
            assertThat(i.bytes()).isEqualTo(png);
            assertThat(i.contentType()).isEqualTo("image/png");
        });
        mvc.perform(get(base + "/image/logo").with(authentication(admin.authentication())))
                .andExpect(status().isOk());
        // A text file named .png, and more than 1 MB, are refused; the logo stays.
        var fake = mvc.perform(multipart(base + "/image/bank").file(new MockMultipartFile("file", "rib.png", "image/png",
                "not an image".getBytes())).with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(fake.getFlashMap().get("alert")).isEqualTo("invoice.settings.imageType");
        var big = mvc.perform(multipart(base + "/image/bank").file(new MockMultipartFile("file", "rib.png", "image/png",
                new byte[1024 * 1024 + 1])).with(csrf()).with(authentication(admin.authentication())))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(big.getFlashMap().get("alert")).isEqualTo("invoice.settings.imageTooLarge");
        assertThat(setup.image(office.tenant().id(), InvoiceImage.Kind.BANK_DETAILS)).isEmpty();
        mvc.perform(get(base + "/image/other").with(authentication(admin.authentication()))).andExpect(status().isNotFound());
        mvc.perform(multipart(base + "/image/logo").param("remove", "1").with(csrf())
                .with(authentication(admin.authentication()))).andExpect(status().is3xxRedirection());
        assertThat(setup.image(office.tenant().id(), InvoiceImage.Kind.LOGO)).isEmpty();
    }

    @Test
    void onlyAdministratorsOfTourismOfficesSeeIt() throws Exception {
        var office = offices.office(true);
        String base = "/t/" + office.tenant().slug() + "/office/invoice-settings";
        var finance = tenants.person(office.tenant(), Role.FINANCE);
        mvc.perform(get(base).with(authentication(finance.authentication()))).andExpect(status().isForbidden());
        var municipality = tenants.tenant(TenantKind.MUNICIPALITY);
        var admin = tenants.person(municipality, Role.TENANT_ADMIN);
        mvc.perform(get("/t/" + municipality.slug() + "/office/invoice-settings").with(authentication(admin.authentication())))
                .andExpect(status().isNotFound());
    }

    static Map<String, String> fields(InvoiceSettings s) throws Exception {
        Map<String, String> form = new LinkedHashMap<>();
        for (var c : InvoiceSettings.class.getRecordComponents()) {
            Object v = c.getAccessor().invoke(s);
            form.put(c.getName(), v == null ? "" : v instanceof Enum<?> e ? e.name() : v.toString());
        }
        return form;
    }

    static MockHttpServletRequestBuilder with(MockHttpServletRequestBuilder request, Map<String, String> form) {
        form.forEach(request::param);
        return request;
    }

    static byte[] png(int width, int height) throws Exception {
        var image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(java.awt.Color.BLUE);
        g.fillRect(0, 0, width / 2, height);
        g.dispose();
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
