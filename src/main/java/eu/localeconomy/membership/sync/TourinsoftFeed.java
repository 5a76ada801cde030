package eu.localeconomy.membership.sync;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Tourinsoft syndication feed (OData v3 JSON). Both shapes the service answers with are recognised from the
 * body: records in {@code value} (next page in {@code odata.nextLink}, total in {@code odata.count}) or in
 * {@code d.results} (next page in {@code d.__next}, total in {@code d.__count}).
 */
public final class TourinsoftFeed {

    /** One page of records; {@code next} null on the last page, {@code count} null when the feed does not say. */
    public record Page(List<Map<String, Object>> records, URI next, Long count) {
    }

    private static final Pattern MS_DATE = Pattern.compile("/Date\\((-?\\d+)([+-]\\d{4})?\\)/");
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter FRENCH_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    private final HttpClient http;
    private final Duration timeout;
    private final boolean privateAddressesAllowed;
    private final JsonMapper json = JsonMapper.builder().build();

    public TourinsoftFeed(HttpClient http, Duration timeout, boolean privateAddressesAllowed) {
        this.http = http;
        this.timeout = timeout;
        this.privateAddressesAllowed = privateAddressesAllowed;
    }

    /** A feed reader that refuses hosts on loopback, private and link-local addresses. */
    public static TourinsoftFeed withDefaults() {
        return withDefaults(false);
    }

    public static TourinsoftFeed withDefaults(boolean privateAddressesAllowed) {
        // Redirects are not followed: each URL fetched, next-page links included, passes the address check first.
        return new TourinsoftFeed(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), Duration.ofSeconds(60), privateAddressesAllowed);
    }

    /** Fetches and parses one page. */
    public Page fetch(URI uri) throws FeedException {
        if (!privateAddressesAllowed) {
            refuseInternal(uri);
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new FeedException("membership.sync.error.timeout", null, e);
        } catch (IOException | IllegalArgumentException e) {
            throw new FeedException("membership.sync.error.unreachable", uri.getHost(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedException("membership.sync.error.unreachable", uri.getHost(), e);
        }
        if (response.statusCode() != 200) {
            throw new FeedException("membership.sync.error.status", String.valueOf(response.statusCode()));
        }
        return parse(response.body(), uri);
    }

    /**
     * The feed URL is typed by a tenant's administrator and fetched by the server: without this check it could reach
     * the platform's own network (metadata services, the database host, actuator). Development and tests that serve
     * feeds from 127.0.0.1 set {@code app.membership.feed-private-addresses=true}.
     */
    private static void refuseInternal(URI uri) throws FeedException {
        String host = uri.getHost();
        if (host == null || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new FeedException("membership.sync.error.unreachable", String.valueOf(host));
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                boolean uniqueLocal = address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal) {
                    throw new FeedException("membership.sync.error.privateAddress", host);
                }
            }
        } catch (UnknownHostException e) {
            throw new FeedException("membership.sync.error.unreachable", host, e);
        }
    }

    /** Parses a page body; relative next links are resolved against {@code base}. */
    @SuppressWarnings("unchecked")
    Page parse(String body, URI base) throws FeedException {
        Object root;
        try {
            root = json.readValue(body, Object.class);
        } catch (JacksonException e) {
            throw new FeedException("membership.sync.error.notJson", null, e);
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new FeedException("membership.sync.error.notFeed", null);
        }
        if (map.get("value") instanceof List<?> value) {
            Object next = map.containsKey("odata.nextLink") ? map.get("odata.nextLink") : map.get("@odata.nextLink");
            Object count = map.containsKey("odata.count") ? map.get("odata.count") : map.get("@odata.count");
            return new Page(records(value), link(next, base), number(count));
        }
        Object d = map.get("d");
        if (d instanceof Map<?, ?> dm && dm.get("results") instanceof List<?> results) {
            return new Page(records(results), link(dm.get("__next"), base), number(dm.get("__count")));
        }
        if (d instanceof List<?> results) {
            return new Page(records(results), null, null);
        }
        throw new FeedException("membership.sync.error.notFeed", null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> records(List<?> items) throws FeedException {
        for (Object item : items) {
            if (!(item instanceof Map<?, ?>)) {
                throw new FeedException("membership.sync.error.notFeed", null);
            }
        }
        return (List<Map<String, Object>>) items;
    }

    private static URI link(Object next, URI base) throws FeedException {
        if (!(next instanceof String text) || text.isBlank()) {
            return null;
        }
        try {
            return base == null ? new URI(text) : base.resolve(text);
        } catch (Exception e) {
            throw new FeedException("membership.sync.error.notFeed", null, e);
        }
    }

    private static Long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * The first page's address: the feed URL as is for a full pull, or with the incremental filter (its template,
     * {@code {since}} replaced by the high-water mark in UTC) for an incremental one.
     */
    public static URI firstPage(String feedUrl, String incrementalTemplate, Instant since) {
        if (since == null) {
            return URI.create(feedUrl.strip());
        }
        String filter = incrementalTemplate.replace("{since}", SINCE.format(since.atOffset(ZoneOffset.UTC)));
        StringBuilder query = new StringBuilder();
        for (String part : filter.split("&")) {
            int eq = part.indexOf('=');
            if (!query.isEmpty()) {
                query.append('&');
            }
            if (eq < 0) {
                query.append(encode(part));
            } else {
                query.append(encode(part.substring(0, eq))).append('=').append(encode(part.substring(eq + 1)));
            }
        }
        String url = feedUrl.strip();
        return URI.create(url + (url.contains("?") ? "&" : "?") + query);
    }

    private static String encode(String text) {
        // OData servers want %20, not '+', and keep '$' readable
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%24", "$");
    }

    /**
     * An instant from the feed: {@code /Date(ms)/}, {@code /Date(ms+hhmm)/} (milliseconds are UTC, the offset only
     * says where the record was written), or ISO 8601 with or without an offset (UTC assumed). Null when absent or
     * unreadable.
     */
    public static Instant instant(Object value) {
        if (!(value instanceof String text) || text.isBlank()) {
            return null;
        }
        Matcher m = MS_DATE.matcher(text.strip());
        if (m.matches()) {
            return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text.strip()).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /**
     * A calendar date from the feed: {@code /Date(ms±hhmm)/} read in its offset (UTC without one), ISO
     * {@code 2026-04-01} (a time part is ignored) or French {@code 01/04/2026}. Null when unreadable.
     */
    public static LocalDate date(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        Matcher m = MS_DATE.matcher(s);
        if (m.matches()) {
            ZoneOffset offset = m.group(2) == null ? ZoneOffset.UTC : ZoneOffset.of(m.group(2));
            return Instant.ofEpochMilli(Long.parseLong(m.group(1))).atOffset(offset).toLocalDate();
        }
        try {
            return s.length() > 10 && s.charAt(10) == 'T' ? LocalDate.parse(s.substring(0, 10)) : LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(s, FRENCH_DATE);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
