package eu.localeconomy;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every screen in Dutch, French and English (citizen pages also German): a missing key in any bundle, a key used by a
 * template but defined nowhere, or visible text written straight into a template fails the build.
 */
class I18nTests {

    private static final Path BUNDLES = Path.of("src/main/resources/i18n");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final List<String> LANGUAGES = List.of("nl", "fr");
    /** Templates citizens see, whose keys must also exist in German. */
    private static final List<String> CITIZEN_TEMPLATES = List.of("layout/common.html", "layout/citizen.html",
            "web/tenant-home.html", "account/login.html", "account/password-forgot.html",
            "account/password-forgot-sent.html", "account/password-reset.html", "account/password-fields.html",
            "account/link-invalid.html", "account/login-link.html", "account/login-link-sent.html",
            "account/login-link-confirm.html", "account/profile.html", "account/totp-setup.html", "error/404.html",
            "error/403.html", "error/error.html", "mail/password-reset.html", "mail/password-reset.txt");
    private static final Pattern MESSAGE_KEY = Pattern.compile("#\\{([A-Za-z0-9_.\\-]+)[}(]");
    private static final Pattern LETTERS = Pattern.compile("\\p{L}{2,}");

    @Test
    void everyBundleHasTheSameKeysInDutchFrenchAndEnglish() throws IOException {
        for (String bundle : baseBundles()) {
            Set<String> english = load(bundle, null).stringPropertyNames();
            assertThat(english).as(bundle + " is empty").isNotEmpty();
            for (String language : LANGUAGES) {
                Set<String> translated = load(bundle, language).stringPropertyNames();
                assertThat(translated).as("keys of %s_%s", bundle, language).containsExactlyInAnyOrderElementsOf(english);
                load(bundle, language).forEach((k, v) -> assertThat(v.toString()).as("%s_%s %s", bundle, language, k).isNotBlank());
            }
            Properties german = load(bundle, "de");
            assertThat(english).as("German keys of " + bundle + " must exist in English").containsAll(german.stringPropertyNames());
        }
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Set<String> all = allKeys(null);
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                for (String key : keysIn(file)) {
                    if (!all.contains(key)) {
                        missing.add(TEMPLATES.relativize(file) + ": " + key);
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void citizenPagesExistInGerman() throws IOException {
        Set<String> german = allKeys("de");
        List<String> missing = new ArrayList<>();
        List<String> citizenTemplates = new ArrayList<>(CITIZEN_TEMPLATES);
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            files.filter(Files::isRegularFile).map(p -> TEMPLATES.relativize(p).toString().replace('\\', '/'))
                    .filter(I18nTests::isCitizenTemplate).forEach(citizenTemplates::add);
        }
        for (String template : citizenTemplates) {
            for (String key : keysIn(TEMPLATES.resolve(template))) {
                if (!german.contains(key)) {
                    missing.add(template + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void templatesContainNoVisibleTextOutsideMessageBundles() throws IOException {
        List<String> offences = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                var document = Jsoup.parse(Files.readString(file));
                for (Element element : document.getAllElements()) {
                    if (element.hasAttr("th:text") || element.hasAttr("th:utext") || element.hasAttr("th:replace")
                            || element.hasAttr("th:insert") || element.hasAttr("th:errors")
                            || Set.of("script", "style").contains(element.tagName())) {
                        continue;
                    }
                    for (TextNode text : element.textNodes()) {
                        if (LETTERS.matcher(text.text()).find()) {
                            offences.add(TEMPLATES.relativize(file) + ": <" + element.tagName() + "> \"" + text.text().trim() + "\"");
                        }
                    }
                    for (String attribute : List.of("title", "alt", "placeholder", "aria-label", "value", "label")) {
                        if (element.hasAttr(attribute) && LETTERS.matcher(element.attr(attribute)).find()
                                && !(attribute.equals("value") && !element.tagName().equals("button") && !"submit".equals(element.attr("type")))) {
                            offences.add(TEMPLATES.relativize(file) + ": " + attribute + "=\"" + element.attr(attribute) + "\"");
                        }
                    }
                }
            }
        }
        assertThat(offences).as("visible text must come from the message bundles").isEmpty();
    }

    /** By convention: the savings programme's citizen pages and the mails citizens receive. */
    static boolean isCitizenTemplate(String path) {
        return path.startsWith("savings/citizen/") || path.startsWith("savings/merchant-public/")
                || path.startsWith("mail/citizen-");
    }

    private static Set<String> baseBundles() throws IOException {
        Set<String> bundles = new TreeSet<>();
        try (Stream<Path> files = Files.list(BUNDLES)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".properties") && !n.contains("_"))
                    .forEach(n -> bundles.add(n.substring(0, n.length() - ".properties".length())));
        }
        return bundles;
    }

    private static Set<String> allKeys(String language) throws IOException {
        Set<String> keys = new HashSet<>();
        for (String bundle : baseBundles()) {
            keys.addAll(load(bundle, language).stringPropertyNames());
        }
        return keys;
    }

    private static Properties load(String bundle, String language) throws IOException {
        Path file = BUNDLES.resolve(bundle + (language == null ? "" : "_" + language) + ".properties");
        var properties = new Properties();
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file);
                 var reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    private static Set<String> keysIn(Path template) throws IOException {
        Set<String> keys = new TreeSet<>();
        Matcher m = MESSAGE_KEY.matcher(Files.readString(template));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
