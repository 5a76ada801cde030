package eu.localeconomy.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for Stripe's API (one per test JVM, on 127.0.0.1, started by {@link StripeStubInitializer} and
 * registered as a bean): answers the endpoints the platform uses with JSON shaped like Stripe's, records every
 * request for assertions, honours idempotency keys, and serves the hosted checkout and onboarding pages as tiny HTML
 * pages a browser test can click through.
 */
public final class StripeStub {

    /** One API request as the platform sent it. */
    public record Request(String method, String path, Map<String, String> params, String stripeAccount,
                          String idempotencyKey) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static volatile StripeStub instance;

    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(1000);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> accounts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> sessions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> refunds = new ConcurrentHashMap<>();
    /** Idempotency: account + key → the first answer. */
    private final Map<String, String> answered = new ConcurrentHashMap<>();
    private volatile int failNext;

    private StripeStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "stripe-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The JVM's stub, started on first use. */
    public static synchronized StripeStub instance() {
        if (instance == null) {
            try {
                instance = new StripeStub();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return instance;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // ---- For assertions and set-up -----------------------------------------------------------------------------

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests to this path (e.g. {@code /v1/checkout/sessions}) made on this connected account. */
    public List<Request> requests(String method, String path, String account) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)
                && java.util.Objects.equals(r.stripeAccount(), account)).toList();
    }

    /** Stripe finishes checking the account: it can take charges. */
    public void enableCharges(String accountId) {
        var account = accounts.get(accountId);
        account.put("charges_enabled", true);
        account.put("details_submitted", true);
    }

    public Map<String, Object> account(String accountId) {
        return accounts.get(accountId);
    }

    public Map<String, Object> session(String sessionId) {
        return sessions.get(sessionId);
    }

    /** The customer pays on the hosted page: the session is complete and paid, with a payment intent. */
    public Map<String, Object> pay(String sessionId) {
        var session = sessions.get(sessionId);
        synchronized (session) {
            if ("expired".equals(session.get("status"))) {
                throw new IllegalStateException("this Checkout Session has expired");
            }
            if (!"paid".equals(session.get("payment_status"))) {
                session.put("status", "complete");
                session.put("payment_status", "paid");
                session.put("payment_intent", "pi_" + ids.incrementAndGet());
            }
        }
        return session;
    }

    /** A refund made in Stripe's dashboard (not through the API). */
    public Map<String, Object> dashboardRefund(String account, String paymentIntent, long amount) {
        return refund(account, paymentIntent, amount);
    }

    /** The next {@code count} API calls answer 500. */
    public void failNext(int count) {
        failNext = count;
    }

    // ---- HTTP ---------------------------------------------------------------------------------------------------

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/pay/") || path.startsWith("/onboarding/")) {
                hosted(exchange, method, path);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> params = form(method.equals("GET") ? exchange.getRequestURI().getRawQuery() : body);
            String account = exchange.getRequestHeaders().getFirst("Stripe-Account");
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            requests.add(new Request(method, path, params, account, key));
            if (failNext > 0) {
                failNext--;
                send(exchange, 500, error("api_error", "stub failure"));
                return;
            }
            String idem = key == null || method.equals("GET") ? null : account + "|" + key;
            if (idem != null && answered.containsKey(idem)) {
                send(exchange, 200, answered.get(idem));
                return;
            }
            Object answer = api(method, path, params, account);
            if (answer == null) {
                send(exchange, 404, error("invalid_request_error", "No such object: " + path));
                return;
            }
            String json = JSON.writeValueAsString(answer);
            if (idem != null) {
                String first = answered.putIfAbsent(idem, json);
                json = first != null ? first : json;
            }
            send(exchange, 200, json);
        } catch (Refused e) {
            send(exchange, 400, error("invalid_request_error", e.getMessage()));
        } catch (RuntimeException e) {
            send(exchange, 500, error("api_error", e.toString()));
        }
    }

    private Object api(String method, String path, Map<String, String> p, String account) {
        String[] parts = path.split("/");
        if (method.equals("POST") && path.equals("/v1/accounts")) {
            String id = "acct_" + ids.incrementAndGet();
            Map<String, Object> a = new ConcurrentHashMap<>(Map.of("id", id, "object", "account", "type", "standard",
                    "country", p.getOrDefault("country", "FR"), "charges_enabled", false, "details_submitted", false,
                    "payouts_enabled", false));
            accounts.put(id, a);
            return a;
        }
        if (method.equals("GET") && path.startsWith("/v1/accounts/") && parts.length == 4) {
            return accounts.get(parts[3]);
        }
        if (method.equals("POST") && path.equals("/v1/account_links")) {
            if (!accounts.containsKey(p.get("account"))) {
                return null;
            }
            return Map.of("object", "account_link", "created", now(), "expires_at", now() + 300,
                    "url", baseUrl() + "/onboarding/" + p.get("account") + "?return_url="
                            + java.net.URLEncoder.encode(p.get("return_url"), StandardCharsets.UTF_8));
        }
        if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
            String id = "cs_test_" + ids.incrementAndGet();
            Map<String, Object> s = new ConcurrentHashMap<>();
            s.put("id", id);
            s.put("object", "checkout.session");
            s.put("mode", p.get("mode"));
            s.put("status", "open");
            s.put("payment_status", "unpaid");
            s.put("amount_total", Long.parseLong(p.get("line_items[0][price_data][unit_amount]"))
                    * Long.parseLong(p.getOrDefault("line_items[0][quantity]", "1")));
            s.put("currency", p.get("line_items[0][price_data][currency]"));
            s.put("client_reference_id", p.get("client_reference_id"));
            s.put("success_url", p.get("success_url"));
            s.put("cancel_url", p.get("cancel_url"));
            s.put("created", now());
            s.put("expires_at", now() + 24 * 3600);
            s.put("url", baseUrl() + "/pay/" + id);
            s.put("livemode", false);
            Map<String, Object> metadata = new LinkedHashMap<>();
            p.forEach((k, v) -> {
                if (k.startsWith("metadata[")) {
                    metadata.put(k.substring(9, k.length() - 1), v);
                }
            });
            s.put("metadata", metadata);
            if (p.containsKey("customer_email")) {
                s.put("customer_email", p.get("customer_email"));
            }
            s.put("_account", account == null ? "" : account);
            sessions.put(id, s);
            return visible(s);
        }
        if (method.equals("POST") && path.startsWith("/v1/checkout/sessions/") && path.endsWith("/expire") && parts.length == 6) {
            var s = sessions.get(parts[4]);
            if (s == null || !s.get("_account").equals(account == null ? "" : account)) {
                return null;
            }
            synchronized (s) {
                if (!"open".equals(s.get("status"))) {
                    throw new Refused("Only Checkout Sessions with a status of open can be expired.");
                }
                s.put("status", "expired");
            }
            return visible(s);
        }
        if (method.equals("GET") && path.startsWith("/v1/checkout/sessions/") && parts.length == 5) {
            var s = sessions.get(parts[4]);
            return s == null || !s.get("_account").equals(account == null ? "" : account) ? null : visible(s);
        }
        if (method.equals("POST") && path.equals("/v1/refunds")) {
            return refund(account, p.get("payment_intent"), Long.parseLong(p.get("amount")));
        }
        if (method.equals("GET") && path.equals("/v1/refunds")) {
            List<Object> data = new ArrayList<>();
            refunds.values().stream().filter(r -> r.get("_account").equals(account)
                            && (p.get("charge") == null || p.get("charge").equals(r.get("charge"))))
                    .forEach(r -> data.add(visible(r)));
            return Map.of("object", "list", "url", "/v1/refunds", "has_more", false, "data", data);
        }
        if (method.equals("GET") && path.startsWith("/v1/refunds/") && parts.length == 4) {
            var r = refunds.get(parts[3]);
            return r == null ? null : visible(r);
        }
        return null;
    }

    private Map<String, Object> refund(String account, String paymentIntent, long amount) {
        String id = "re_" + ids.incrementAndGet();
        Map<String, Object> r = new ConcurrentHashMap<>(Map.of("id", id, "object", "refund", "amount", amount,
                "currency", "eur", "payment_intent", paymentIntent, "charge", charge(paymentIntent),
                "status", "succeeded", "created", now(), "_account", account));
        refunds.put(id, r);
        return visible(r);
    }

    /** The charge id of a payment intent in this stub. */
    public static String charge(String paymentIntent) {
        return "ch_" + paymentIntent.substring(3);
    }

    private void hosted(HttpExchange exchange, String method, String path) throws IOException {
        if (path.startsWith("/onboarding/")) {
            String accountId = path.substring("/onboarding/".length());
            Map<String, String> q = form(exchange.getRequestURI().getRawQuery());
            if (accounts.containsKey(accountId)) {
                enableCharges(accountId);
            }
            exchange.getResponseHeaders().add("Location", q.get("return_url"));
            exchange.sendResponseHeaders(303, -1);
            return;
        }
        String id = path.substring("/pay/".length());
        var session = sessions.get(id);
        if (session == null) {
            send(exchange, 404, "{}");
            return;
        }
        if (method.equals("POST")) {
            exchange.getRequestBody().readAllBytes();
            pay(id);
            String success = ((String) session.get("success_url")).replace("{CHECKOUT_SESSION_ID}", id);
            exchange.getResponseHeaders().add("Location", success);
            exchange.sendResponseHeaders(303, -1);
            return;
        }
        long amount = ((Number) session.get("amount_total")).longValue();
        String html = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Stripe Checkout (stub)</title></head>
                <body><main><h1>Stripe Checkout (stub)</h1>
                <p id="amount">%d.%02d %s</p>
                <form method="post" action="/pay/%s"><button type="submit" id="pay">Pay</button></form>
                <p><a id="cancel" href="%s">Cancel</a></p></main></body></html>"""
                .formatted(amount / 100, amount % 100, session.get("currency"), id, session.get("cancel_url"));
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Stripe refuses the request (400). */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static Map<String, Object> visible(Map<String, Object> object) {
        Map<String, Object> copy = new LinkedHashMap<>(object);
        copy.keySet().removeIf(k -> k.startsWith("_"));
        return copy;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String error(String type, String message) {
        return JSON.writeValueAsString(Map.of("error", Map.of("type", type, "message", message)));
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Request-Id", "req_stub");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static Map<String, String> form(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(k, v);
        }
        return params;
    }
}
