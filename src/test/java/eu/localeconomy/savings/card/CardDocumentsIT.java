package eu.localeconomy.savings.card;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import eu.localeconomy.shared.Language;
import eu.localeconomy.shared.TenantId;
import eu.localeconomy.shared.TenantKind;
import eu.localeconomy.support.IntegrationTest;
import eu.localeconomy.support.SavingsFixtures;
import eu.localeconomy.support.TestTenants;
import eu.localeconomy.tenant.Tenant;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The digital card reads back: its QR code, rendered from the PDF page and decoded, is the card's signed URL. */
@IntegrationTest
class CardDocumentsIT {

    @Autowired TestTenants tenants;
    @Autowired SavingsFixtures savings;
    @Autowired CardDocuments documents;
    @Autowired CardTokens tokens;

    Tenant tenant;
    SavingsFixtures.CardOfHousehold card;

    @BeforeEach
    void householdWithACard() {
        tenant = tenants.tenant(TenantKind.MUNICIPALITY);
        var programme = savings.openProgramme(tenant);
        card = savings.residentHousehold(tenant, programme, "Zeedijk", "12", "8300",
                List.of(new SavingsFixtures.Adult("Łukasz", "Dvořák-Żółćińska", "85073003328", LocalDate.of(1985, 7, 30))));
    }

    @Test
    void theQrCodeOnTheRenderedPageIsTheCardsSignedUrl() throws Exception {
        byte[] pdf = documents.digitalCardPdf(tenant.id(), card.cardId(), Language.NL);

        String decoded = decodeQr(renderFirstPage(pdf, 200));
        assertThat(decoded).isEqualTo(tokens.enrolmentUrl(tenant.slug(), tenant.id(), card.cardId()));
        String token = decoded.substring(decoded.lastIndexOf('/') + 1);
        assertThat(tokens.verify(tenant.id(), token)).contains(card.cardId());

        String tampered = token.substring(0, 20) + (token.charAt(20) == 'x' ? 'y' : 'x') + token.substring(21);
        assertThat(tokens.verify(tenant.id(), tampered)).isEmpty();
        assertThat(tokens.verify(new TenantId(UUID.randomUUID()), token)).as("another tenant's card").isEmpty();
        Files.createDirectories(Path.of("target/cards"));
        Files.write(Path.of("target/cards/digital-card-nl.pdf"), pdf);
        javax.imageio.ImageIO.write(renderFirstPage(pdf, 100), "png", Path.of("target/cards/digital-card-nl.png").toFile());
    }

    @Test
    void theCardIsPrintedWithTheHoldersNameAndNumberAndInstructionsInTheLanguage() throws IOException {
        Map<Language, String> headings = Map.of(Language.NL, "Zo gebruikt u uw kaart", Language.FR, "Comment utiliser votre carte",
                Language.EN, "How to use your card", Language.DE, "So verwenden Sie Ihre Karte");
        for (var language : Language.values()) {
            byte[] pdf = documents.digitalCardPdf(tenant.id(), card.cardId(), language);
            try (var document = Loader.loadPDF(pdf)) {
                assertThat(document.getNumberOfPages()).isEqualTo(1);
                var box = document.getPage(0).getMediaBox();
                assertThat(box.getWidth()).isEqualTo(595f, org.assertj.core.data.Offset.offset(1f));
                assertThat(box.getHeight()).isEqualTo(842f, org.assertj.core.data.Offset.offset(1f));
                // Lines may wrap inside the long enrolment URL.
                String text = new PDFTextStripper().getText(document).replaceAll("-\\R", "-").replaceAll("\\R", " ");
                assertThat(text).as(language.name())
                        .contains("Łukasz Dvořák-Żółćińska", card.number().formatted(), headings.get(language),
                                tenant.name(), tokens.enrolmentPage(tenant.slug()));
            }
        }
    }

    @Test
    void theSvgIsTheSameCode() throws Exception {
        String svg = documents.qrSvg(tenant.id(), card.cardId());
        assertThat(svg).startsWith("<svg").contains("viewBox").endsWith("</svg>");
        assertThat(decodeQr(rasterise(svg, 8))).isEqualTo(tokens.enrolmentUrl(tenant.slug(), tenant.id(), card.cardId()));
    }

    @Test
    void anotherTenantsCardIsUnknown() {
        Tenant other = tenants.tenant(TenantKind.MUNICIPALITY);
        assertThatThrownBy(() -> documents.digitalCardPdf(other.id(), card.cardId(), Language.EN))
                .isInstanceOf(UnknownCardException.class);
        assertThatThrownBy(() -> documents.qrSvg(other.id(), card.cardId())).isInstanceOf(UnknownCardException.class);
        assertThatThrownBy(() -> documents.qrSvg(tenant.id(), UUID.randomUUID())).isInstanceOf(UnknownCardException.class);
    }

    @Test
    void cardsRenderedAtTheSameTimeEachCarryTheirOwnCode() throws Exception {
        var programme = savings.openProgramme(tenant);
        var second = savings.secondHome(tenant, programme, "Jean-Noël Dupré", "123-4567890-12", "Lippenslaan", "5", "8300");
        List<UUID> cards = List.of(card.cardId(), second.cardId(), card.cardId(), second.cardId(), card.cardId(), second.cardId());
        try (var pool = Executors.newFixedThreadPool(3)) {
            List<Callable<String>> renders = cards.stream().<Callable<String>>map(id ->
                    () -> decodeQr(renderFirstPage(documents.digitalCardPdf(tenant.id(), id, Language.FR), 200))).toList();
            var results = pool.invokeAll(renders);
            for (int i = 0; i < cards.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo(tokens.enrolmentUrl(tenant.slug(), tenant.id(), cards.get(i)));
            }
        }
    }

    static BufferedImage renderFirstPage(byte[] pdf, int dpi) throws IOException {
        try (var document = Loader.loadPDF(pdf)) {
            return new PDFRenderer(document).renderImageWithDPI(0, dpi, ImageType.GRAY);
        }
    }

    /**
     * Reads the QR code on a rendered page as a scanner would. A scanner sees the card, not the whole page: when the
     * page as a whole does not decode (the detector can be led astray by the text around), its overlapping
     * horizontal halves are tried.
     */
    static String decodeQr(BufferedImage image) throws NotFoundException {
        var hints = Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE), DecodeHintType.TRY_HARDER, Boolean.TRUE);
        int h = image.getHeight();
        List<BufferedImage> views = List.of(image, image.getSubimage(0, 0, image.getWidth(), h / 2),
                image.getSubimage(0, h / 4, image.getWidth(), h / 2), image.getSubimage(0, h / 2, image.getWidth(), h / 2));
        for (BufferedImage view : views) {
            try {
                var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(view)));
                return new MultiFormatReader().decode(bitmap, hints).getText();
            } catch (NotFoundException e) {
                // next view
            }
        }
        throw NotFoundException.getNotFoundInstance();
    }

    /** Draws the SVG's path (rows of "M x y h w v1 h-w z" runs) at a scale, as a browser would. */
    static BufferedImage rasterise(String svg, int scale) {
        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"").matcher(svg);
        assertThat(size.find()).isTrue();
        int n = Integer.parseInt(size.group(1));
        var image = new BufferedImage(n * scale, n * scale, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, n * scale, n * scale);
        g.setColor(Color.BLACK);
        Matcher run = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-\\d+z").matcher(svg);
        int runs = 0;
        while (run.find()) {
            g.fillRect(Integer.parseInt(run.group(1)) * scale, Integer.parseInt(run.group(2)) * scale,
                    Integer.parseInt(run.group(3)) * scale, scale);
            runs++;
        }
        g.dispose();
        assertThat(runs).isPositive();
        return image;
    }
}
