package io.regla.adapters.http.loyalty;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.http.IdempotencyKeys;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.RoleRegistry;
import io.regla.adapters.http.WebServer;
import io.regla.adapters.http.auth.Accounts;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.rules.loyalty.service.LoyaltyService;
import io.regla.rules.loyalty.service.MemberDirectory;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The loyalty API over real HTTP, an H2 store and the bundled loyalty rule set. */
class LoyaltyApiTest {

    static final ZoneId ZONE = ZoneId.of("America/Argentina/Buenos_Aires");
    static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(2025, 3, 10, 12, 0, 0, 0, ZONE).toInstant(), ZONE);
    static final String PASSWORD = "correct horse battery";
    static final Role DIRECTOR = new Role("DIRECTOR", true);

    static JdbcStore store;
    static RulesEngine engine;
    static WebServer server;
    static String token;
    static String adminToken;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        store = JdbcStore.open(ds, CLOCK);
        engine = Regla.builder().bundledRules().clock(CLOCK).build();
        Accounts accounts = new Accounts(store.facts(), CLOCK, new RoleRegistry(List.of(LoyaltyModuleFactory.LOYALTY, DIRECTOR)), 4);
        accounts.addUser("dir", "DIRECTOR", List.of("C1"), PASSWORD.toCharArray());
        token = accounts.createToken("LOYALTY", List.of());
        adminToken = accounts.createToken("ADMIN", List.of());
        LoyaltyService service = LoyaltyService.builder(engine, store.ledger(), MemberDirectory.inFacts(store.facts())).clock(CLOCK).build();
        server = WebServer.builder(accounts).module(new LoyaltyApi(service, new IdempotencyKeys(store.facts(), CLOCK, Duration.ofSeconds(60)),
                CLOCK, ZONE, Role.ADMIN, LoyaltyModuleFactory.LOYALTY)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        engine.close();
        store.close();
    }

    record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        String code() {
            return json.at("/error/code").asText();
        }
    }

    static Answer call(String bearer, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) b.header("Authorization", "Bearer " + bearer);
        if (headers.length > 0) b.headers(headers);
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body().isEmpty() ? null : WebServer.JSON.readTree(r.body()), r);
    }

    static Answer post(String path, String body, String... headers) throws Exception {
        return call(token, "POST", path, body, headers);
    }

    static Answer get(String path) throws Exception {
        return call(token, "GET", path, null);
    }

    static void member(String id, String tier, String status) throws Exception {
        Answer a = post("/loyalty/members", "{\"id\":\"" + id + "\",\"tier\":\"" + tier + "\",\"status\":\"" + status + "\",\"enrolledOn\":\"2024-01-15\"}");
        assertThat(a.status()).as(a.raw().body()).isEqualTo(200);
    }

    static Answer purchase(String id, String member, String amount, String at) throws Exception {
        return post("/loyalty/transactions", "{\"id\":\"" + id + "\",\"memberId\":\"" + member + "\",\"amount\":" + amount
                + ",\"category\":\"SUPERMARKET\",\"channel\":\"POS\",\"merchantId\":\"MER1\",\"at\":\"" + at + "\"}");
    }

    static Answer redeem(String member, String key, long points) throws Exception {
        return post("/loyalty/members/" + member + "/redemptions", "{\"points\":" + points + ",\"rewardId\":\"VOUCHER\"}",
                IdempotencyKeys.HEADER, key);
    }

    @Test
    void a_purchase_accrues_once_and_a_retry_gets_the_same_answer() throws Exception {
        member("M1", "GOLD", "ACTIVE");
        Answer first = purchase("T1", "M1", "10000.00", "2025-02-01T10:00:00-03:00");
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.json().get("status").asText()).isEqualTo("POSTED");
        long points = first.json().get("points").asLong();
        assertThat(points).isPositive();
        assertThat(first.json().at("/entries/0/kind").asText()).isEqualTo("ACCRUAL");
        assertThat(first.json().at("/balance/balance").asLong()).isEqualTo(points);

        Answer retry = purchase("T1", "M1", "10000.0", "2025-02-01T10:00:00-03:00");   // same amount, other spelling
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.raw().headers().firstValue(IdempotencyKeys.REPLAYED_HEADER)).contains("true");
        assertThat(retry.json()).isEqualTo(first.json());

        Answer reused = purchase("T1", "M1", "20000", "2025-02-01T10:00:00-03:00");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(get("/loyalty/members/M1/balance").json().get("balance").asLong()).isEqualTo(points);
    }

    @Test
    void redemptions_need_a_key_spend_available_points_and_refuse_with_the_rules_code() throws Exception {
        member("M2", "CLASSIC", "ACTIVE");
        long earned = purchase("T2", "M2", "50000", "2025-01-20T09:00:00-03:00").json().get("points").asLong();
        assertThat(earned).isGreaterThan(10);

        Answer noKey = post("/loyalty/members/M2/redemptions", "{\"points\":10,\"rewardId\":\"VOUCHER\"}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.json().at("/error/field").asText()).isEqualTo("Idempotency-Key");

        Answer ok = redeem("M2", "k-m2-1", 10);
        assertThat(ok.status()).as(ok.raw().body()).isEqualTo(200);
        assertThat(ok.json().get("points").asLong()).isEqualTo(-10);
        assertThat(ok.json().at("/balance/available").asLong()).isEqualTo(earned - 10);
        Answer again = redeem("M2", "k-m2-1", 10);
        assertThat(again.json()).isEqualTo(ok.json());
        assertThat(again.raw().headers().firstValue(IdempotencyKeys.REPLAYED_HEADER)).contains("true");
        assertThat(redeem("M2", "k-m2-1", 11).code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(redeem("M1", "k-m2-1", 10).code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");   // a key names one operation

        Answer tooMuch = redeem("M2", "k-m2-2", earned);
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(tooMuch.json().at("/error/rejections/0/code").asText()).isEqualTo("INSUFFICIENT_POINTS");
        assertThat(redeem("M2", "k-m2-2", earned).code()).isEqualTo("INSUFFICIENT_POINTS");   // a refusal is kept too

        Answer statement = get("/loyalty/members/M2/statement");
        JsonNode lines = statement.json().get("lines");
        assertThat(lines).hasSize(2);
        assertThat(lines.get(1).get("runningBalance").asLong()).isEqualTo(statement.json().at("/balance/balance").asLong())
                .isEqualTo(earned - 10);
    }

    @Test
    void refunds_are_cumulative_and_name_what_is_wrong() throws Exception {
        member("M3", "GOLD", "ACTIVE");
        long earned = purchase("T3", "M3", "8000", "2025-02-10T10:00:00-03:00").json().get("points").asLong();
        Answer half = post("/loyalty/refunds", "{\"id\":\"F3a\",\"transactionId\":\"T3\",\"amount\":4000,\"at\":\"2025-02-15T10:00:00-03:00\"}");
        assertThat(half.status()).as(half.raw().body()).isEqualTo(200);
        assertThat(half.json().get("memberId").asText()).isEqualTo("M3");
        assertThat(half.json().get("points").asLong()).isEqualTo(-earned / 2);
        Answer over = post("/loyalty/refunds", "{\"id\":\"F3b\",\"transactionId\":\"T3\",\"amount\":\"4000.01\",\"at\":\"2025-02-16T10:00:00-03:00\"}");
        assertThat(over.status()).isEqualTo(422);
        assertThat(over.code()).isEqualTo("REFUND_EXCEEDS_TRANSACTION");
        Answer unknown = post("/loyalty/refunds", "{\"id\":\"F9\",\"transactionId\":\"NOPE\",\"amount\":1,\"at\":\"2025-02-16T10:00:00-03:00\"}");
        assertThat(unknown.code()).isEqualTo("UNKNOWN_TRANSACTION");
    }

    @Test
    void refuses_unknown_members_bad_input_and_times_before_every_version() throws Exception {
        assertThat(get("/loyalty/members/NOBODY/balance").status()).isEqualTo(404);
        Answer unknown = purchase("T9", "NOBODY", "100", "2025-02-01T10:00:00-03:00");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.code()).isEqualTo("UNKNOWN_MEMBER");
        Answer bad = purchase("T10", "M1", "\"12,50\"", "2025-02-01T10:00:00-03:00");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/field").asText()).isEqualTo("amount");
        Answer tier = post("/loyalty/members", "{\"id\":\"M8\",\"tier\":\"DIAMOND\",\"status\":\"ACTIVE\",\"enrolledOn\":\"2024-01-15\"}");
        assertThat(tier.status()).isEqualTo(400);
        assertThat(tier.json().at("/error/message").asText()).contains("CLASSIC").contains("DIAMOND");
        member("M7", "GOLD", "ACTIVE");
        Answer early = purchase("T11", "M7", "100", "2019-05-01T10:00:00-03:00");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.code()).isEqualTo("NO_RULE_SET_VERSION");
        assertThat(get("/loyalty/members/M7/balance?asOf=yesterday").json().at("/error/field").asText()).isEqualTo("asOf");
    }

    @Test
    void only_loyalty_and_admin_callers_get_in() throws Exception {
        assertThat(call(null, "GET", "/loyalty/members/M1/balance", null).status()).isEqualTo(401);
        assertThat(call(adminToken, "GET", "/loyalty/members/M1", null).status()).isIn(200, 404);
        HttpRequest login = HttpRequest.newBuilder(URI.create(server.uri() + "/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"dir\",\"password\":\"" + PASSWORD + "\"}")).build();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        assertThat(browser.send(login, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        var asDirector = browser.send(HttpRequest.newBuilder(URI.create(server.uri() + "/loyalty/members/M1/balance")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asDirector.statusCode()).isEqualTo(403);
    }

    @Test
    void concurrent_redemptions_never_spend_a_point_twice() throws Exception {
        member("M4", "GOLD", "ACTIVE");
        long earned = purchase("T4", "M4", "40000", "2025-01-05T10:00:00-03:00").json().get("points").asLong();
        long quarter = earned / 4;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Answer>> distinct = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String key = "k-m4-" + i;
                distinct.add(() -> redeem("M4", key, quarter));
            }
            int ok = 0, refused = 0;
            for (Future<Answer> f : pool.invokeAll(distinct)) {
                Answer a = f.get();
                if (a.status() == 200) ok++;
                else if (a.status() == 422 && a.code().equals("INSUFFICIENT_POINTS")) refused++;
                else throw new AssertionError(a.raw().body());
            }
            assertThat(ok).isEqualTo(4);
            assertThat(refused).isEqualTo(4);
            JsonNode balance = get("/loyalty/members/M4/balance").json();
            assertThat(balance.get("available").asLong()).isEqualTo(earned - 4 * quarter).isNotNegative();

            member("M5", "GOLD", "ACTIVE");
            purchase("T5", "M5", "40000", "2025-01-05T10:00:00-03:00");
            List<Callable<Answer>> sameKey = new ArrayList<>();
            for (int i = 0; i < 8; i++) sameKey.add(() -> redeem("M5", "k-m5-same", 100));
            for (Future<Answer> f : pool.invokeAll(sameKey)) {
                assertThat(f.get().status()).as(f.get().raw().body()).isIn(200, 409);
            }
            long redemptions = store.ledger().entries("M5").stream().filter(e -> e.kind().name().equals("REDEMPTION")).mapToLong(e -> -e.points()).sum();
            assertThat(redemptions).isEqualTo(100);
        } finally {
            pool.shutdownNow();
        }
    }
}
