package io.regla.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.http.mandrill.MandrillModule;
import io.regla.adapters.http.nursery.NurseryModule;
import io.regla.adapters.mailchimp.metrics.DeliveryEventLog;
import io.regla.adapters.mailchimp.webhook.MandrillWebhook;
import io.regla.api.RulesEngine;
import io.regla.api.spi.Store;
import io.regla.core.Regla;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.admissions.NurseryService;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A server for tests: the nursery and Mandrill modules over a given store, campuses C1 and C2 with enrolments
 * E1..E4 (C1) and F1 (C2), users admin, dir1 (C1) and dir2 (C2) with password {@link #PASSWORD}, and an ADMIN token.
 */
public final class TestApp implements AutoCloseable {

    public static final ZoneId ZONE = ZoneId.of("America/Santiago");
    /** Wednesday 2023-03-01, 08:00 in Santiago */
    public static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(2023, 3, 1, 8, 0, 0, 0, ZONE).toInstant(), ZONE);
    public static final String PASSWORD = "correct horse battery";
    public static final String WEBHOOK_URL = "https://backoffice.example/webhooks/mandrill";
    public static final MandrillWebhook MANDRILL = new MandrillWebhook("whk-test-key", WEBHOOK_URL);

    public final RulesEngine engine;
    public final Store store;
    public final NurseryService service;
    public final Accounts accounts;
    public final WebServer server;
    public final String adminToken;

    public TestApp(Store store, Duration idleTimeout) {
        this.store = store;
        this.engine = Regla.builder().bundledRules().clock(CLOCK).build();
        this.service = new NurseryService(engine, store, CLOCK);
        service.records().putCampus(new Campus("C1", "Vitamina Providencia", 2));
        service.records().putCampus(new Campus("C2", "Vitamina Ñuñoa", 2));
        for (String id : new String[]{"E1", "E2", "E3", "E4"}) {
            service.records().putEnrollment(new Enrollment(id, "Sofía " + id, "C1", "Carolina " + id, id.toLowerCase() + "@example.com",
                    LocalDate.of(2023, 2, 27), LocalDate.of(2023, 3, 6), EnrollmentStatus.ENROLLED));
        }
        service.records().putEnrollment(new Enrollment("F1", "Mateo F1", "C2", "Felipe F1", "felipe.f1@example.com",
                LocalDate.of(2023, 2, 27), LocalDate.of(2023, 3, 6), EnrollmentStatus.ENROLLED));
        this.accounts = new Accounts(store.facts(), CLOCK, new RoleRegistry(List.of(NurseryModule.DIRECTOR)), 4);
        addIfMissing("admin", "ADMIN", List.of());
        addIfMissing("dir1", "DIRECTOR", List.of("C1"));
        addIfMissing("dir2", "DIRECTOR", List.of("C2"));
        this.adminToken = accounts.createToken("ADMIN", List.of());
        this.server = WebServer.builder(accounts).maxRequestBytes(64 * 1024).idleTimeout(idleTimeout)
                .module(new NurseryModule(service, engine, accounts, ZONE))
                .module(new MandrillModule(MANDRILL, new DeliveryEventLog(store.facts(), ZONE), Role.ADMIN, NurseryModule.DIRECTOR))
                .start();
    }

    private void addIfMissing(String user, String role, List<String> campuses) {
        if (accounts.user(user).isEmpty()) {
            accounts.addUser(user, role, campuses, PASSWORD.toCharArray());
        }
    }

    @Override
    public void close() {
        server.close();
        engine.close();
    }

    public record Answer(int status, JsonNode json, String body, java.net.http.HttpHeaders headers) {
        public String code() {
            return json == null ? null : json.at("/error/code").asText();
        }
    }

    /** A caller: anonymous, with a bearer token, or with a browser session (cookies kept, CSRF token known). */
    public static final class Caller {
        private final WebServer server;
        private final HttpClient http;
        private final String bearer;
        public String csrf;

        Caller(WebServer server, String bearer) {
            this.server = server;
            this.http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
            this.bearer = bearer;
        }

        public Answer call(String method, String path, String body, String... headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
            if (bearer != null) {
                b.header("Authorization", "Bearer " + bearer);
            }
            if (body != null && !String.join(",", headers).contains("Content-Type")) {
                b.header("Content-Type", "application/json");
            }
            List<String> rest = new ArrayList<>();
            for (int i = 0; i + 1 < headers.length; i += 2) {
                if (headers[i].equalsIgnoreCase("Expect") && headers[i + 1].equalsIgnoreCase("100-continue")) {
                    b.expectContinue(true); // a restricted header: the client sends it itself
                } else {
                    rest.add(headers[i]);
                    rest.add(headers[i + 1]);
                }
            }
            if (!rest.isEmpty()) {
                b.headers(rest.toArray(String[]::new));
            }
            var r = http.send(b.build(), BodyHandlers.ofString());
            JsonNode json = null;
            if (r.headers().firstValue("Content-Type").orElse("").startsWith("application/json") && !r.body().isEmpty()) {
                try {
                    json = WebServer.JSON.readTree(r.body());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new AssertionError(method + " " + path + " answered " + r.statusCode() + " with a JSON content type but not JSON: " + r.body());
                }
            }
            return new Answer(r.statusCode(), json, r.body(), r.headers());
        }

        /** A JSON call carrying this session's CSRF token. */
        public Answer send(String method, String path, String body) throws Exception {
            return csrf == null ? call(method, path, body) : call(method, path, body, Routes.CSRF_HEADER, csrf);
        }
    }

    public Caller anonymous() {
        return new Caller(server, null);
    }

    public Caller bearer(String token) {
        return new Caller(server, token);
    }

    /** Signs in with JSON and keeps the cookie and the CSRF token. */
    public Caller signedIn(String user) throws Exception {
        return signedIn(server, user);
    }

    /** A caller of any server: anonymous (null) or with a bearer token. */
    public static Caller caller(WebServer server, String bearer) {
        return new Caller(server, bearer);
    }

    /** Signs in to any server as {@code user} with {@link #PASSWORD}. */
    public static Caller signedIn(WebServer server, String user) throws Exception {
        Caller c = new Caller(server, null);
        Answer a = c.call("POST", "/login", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}");
        if (a.status() != 200) {
            throw new AssertionError("sign-in of " + user + " failed: " + a.status() + " " + a.body());
        }
        c.csrf = a.json().get("csrfToken").asText();
        return c;
    }
}
