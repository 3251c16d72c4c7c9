package io.regla.adapters.http.security;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.regla.adapters.http.TestApp;
import io.regla.adapters.http.auth.Accounts;
import io.regla.api.spi.Store;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The security suite, run on every store: every route without credentials, with the wrong role, on another campus,
 * with a missing or forged CSRF token, oversized bodies, slow clients, lock-out, and no personal data in the
 * access log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecuritySuite {

    TestApp app;
    ListAppender<ILoggingEvent> accessLog = new ListAppender<>();

    abstract Store store();

    @BeforeAll
    void start() {
        app = new TestApp(store(), Duration.ofMillis(1500));
        accessLog.start();
        ((Logger) LoggerFactory.getLogger("io.regla.http.access")).addAppender(accessLog);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger("io.regla.http.access")).detachAppender(accessLog);
        app.close();
    }

    static final List<String[]> API = List.of(
            new String[]{"GET", "/campuses"}, new String[]{"GET", "/campuses/C1/enrollments"},
            new String[]{"GET", "/enrollments/E1"}, new String[]{"POST", "/enrollments/E1/interview"},
            new String[]{"POST", "/enrollments/E1/interview/result"}, new String[]{"POST", "/enrollments/E1/adaptation"},
            new String[]{"POST", "/enrollments/E1/cancel"}, new String[]{"GET", "/metrics/mailing"},
            new String[]{"GET", "/me"}, new String[]{"POST", "/logout"});
    static final List<String[]> PAGES = List.of(
            new String[]{"GET", "/"}, new String[]{"GET", "/ui/campuses/C1"}, new String[]{"GET", "/ui/campuses/C1/rows"},
            new String[]{"GET", "/ui/campuses/C1/calendar"}, new String[]{"GET", "/ui/campuses/C1/mail"},
            new String[]{"GET", "/ui/enrollments/E1"}, new String[]{"GET", "/ui/admin"},
            new String[]{"POST", "/ui/enrollments/E1/interview"}, new String[]{"POST", "/ui/enrollments/E1/adaptation"},
            new String[]{"POST", "/ui/enrollments/E1/cancel"}, new String[]{"POST", "/ui/admin/users"},
            new String[]{"POST", "/ui/admin/campuses"});

    @Test
    void every_route_without_credentials_is_401_or_the_sign_in_page() throws Exception {
        for (String[] r : API) {
            TestApp.Answer a = app.anonymous().call(r[0], r[1], r[0].equals("POST") ? "{}" : null);
            assertThat(a.status()).as(r[0] + " " + r[1]).isEqualTo(401);
            assertThat(a.code()).isEqualTo("UNAUTHENTICATED");
        }
        for (String[] r : PAGES) {
            TestApp.Answer a = app.anonymous().call(r[0], r[1], r[0].equals("POST") ? "" : null, "Content-Type", "application/x-www-form-urlencoded");
            assertThat(a.status()).as(r[0] + " " + r[1]).isEqualTo(303);
            assertThat(a.headers().firstValue("Location")).hasValue("/login");
        }
        // a wrong or malformed token is 401 too, never a fallback to anything else
        assertThat(app.bearer("rgl_000000000000_nope").call("GET", "/campuses", null).status()).isEqualTo(401);
        assertThat(app.anonymous().call("GET", "/campuses", null, "Authorization", "Basic YWRtaW46eA==").status()).isEqualTo(401);
        assertThat(app.anonymous().call("GET", "/health", null).status()).isEqualTo(200);
    }

    @Test
    void a_director_is_403_outside_her_campus_whether_it_exists_or_not() throws Exception {
        TestApp.Caller dir1 = app.signedIn("dir1");
        assertThat(dir1.call("GET", "/campuses/C1/enrollments", null).status()).isEqualTo(200);
        assertThat(dir1.call("GET", "/campuses/C2/enrollments", null).status()).isEqualTo(403);
        assertThat(dir1.call("GET", "/campuses/C9/enrollments", null).status()).isEqualTo(403);
        assertThat(dir1.call("GET", "/enrollments/F1", null).status()).isEqualTo(403);
        assertThat(dir1.call("GET", "/enrollments/NOPE", null).status()).isEqualTo(403);
        assertThat(dir1.send("POST", "/enrollments/F1/cancel", "{}").status()).isEqualTo(403);
        assertThat(app.service.records().enrollment("F1").orElseThrow().value().status().name()).isEqualTo("ENROLLED");
        assertThat(dir1.call("GET", "/ui/campuses/C2", null).status()).isEqualTo(403);
        assertThat(dir1.call("GET", "/ui/enrollments/F1", null).status()).isEqualTo(403);
        assertThat(dir1.call("GET", "/campuses", null).body()).contains("C1").doesNotContain("C2");
        // the wrong role: a director is no administrator
        assertThat(dir1.call("GET", "/ui/admin", null).status()).isEqualTo(403);
        assertThat(dir1.call("POST", "/ui/admin/users", "_csrf=" + dir1.csrf + "&username=evil&role=ADMIN&password=0123456789x",
                "Content-Type", "application/x-www-form-urlencoded").status()).isEqualTo(403);
        assertThat(app.accounts.user("evil")).isEmpty();
        // a token scoped to C2 is held to C2 as well
        String c2Token = app.accounts.createToken("DIRECTOR", List.of("C2"));
        assertThat(app.bearer(c2Token).call("GET", "/campuses/C1/enrollments", null).status()).isEqualTo(403);
        assertThat(app.bearer(c2Token).call("GET", "/campuses/C2/enrollments", null).status()).isEqualTo(200);
    }

    @Test
    void state_changes_from_a_session_need_the_csrf_token() throws Exception {
        TestApp.Caller dir2 = app.signedIn("dir2");
        TestApp.Answer missing = dir2.call("POST", "/enrollments/F1/interview", "{\"at\": \"2023-03-02T10:00:00-03:00\"}");
        assertThat(missing.status()).isEqualTo(403);
        assertThat(missing.code()).isEqualTo("CSRF");
        TestApp.Answer forged = dir2.call("POST", "/enrollments/F1/interview", "{\"at\": \"2023-03-02T10:00:00-03:00\"}",
                "X-CSRF-Token", "forged-token");
        assertThat(forged.code()).isEqualTo("CSRF");
        TestApp.Answer form = dir2.call("POST", "/ui/enrollments/F1/cancel", "reason=x&_csrf=forged",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(form.status()).isEqualTo(403);
        assertThat(app.service.records().enrollment("F1").orElseThrow().value().status().name()).isEqualTo("ENROLLED");
        assertThat(dir2.call("POST", "/logout", null).status()).isEqualTo(403);   // logout is state-changing too
        TestApp.Answer ok = dir2.send("POST", "/enrollments/F1/interview", "{\"at\": \"2023-03-02T10:00:00-03:00\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(dir2.send("POST", "/logout", null).status()).isEqualTo(200);
        assertThat(dir2.call("GET", "/me", null).status()).isEqualTo(401);   // the session is gone server-side
    }

    @Test
    void sign_in_sets_a_http_only_lax_cookie_and_locks_out_after_repeated_failures() throws Exception {
        TestApp.Answer ok = app.anonymous().call("POST", "/login", "{\"username\":\"dir1\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        assertThat(ok.status()).isEqualTo(200);
        String cookie = ok.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).contains("regla_session=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
        assertThat(app.anonymous().call("POST", "/login", "username=dir1&password=wrong-one",
                "Content-Type", "application/x-www-form-urlencoded").status()).isEqualTo(401);
        assertThat(app.anonymous().call("POST", "/login", "{\"username\":\"nobody\",\"password\":\"x\"}").status()).isEqualTo(401);

        app.accounts.addUser("victim", "DIRECTOR", List.of("C1"), TestApp.PASSWORD.toCharArray());
        for (int i = 0; i < Accounts.MAX_FAILURES; i++) {
            assertThat(app.anonymous().call("POST", "/login", "{\"username\":\"victim\",\"password\":\"guess" + i + "\"}").status()).isEqualTo(401);
        }
        TestApp.Answer locked = app.anonymous().call("POST", "/login", "{\"username\":\"victim\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        assertThat(locked.status()).isEqualTo(401);
        assertThat(app.accounts.user("victim").orElseThrow().lockedUntil()).isAfter(TestApp.CLOCK.instant());
    }

    @Test
    void an_oversized_body_is_413() throws Exception {
        String big = "{\"reason\": \"" + "x".repeat(70 * 1024) + "\"}";
        // repeated: a server that answers before reading the body loses its 413 to a reset now and then
        for (int i = 0; i < 10; i++) {
            TestApp.Answer a = app.bearer(app.adminToken).call("POST", "/enrollments/E3/cancel", big);
            assertThat(a.status()).isEqualTo(413);
            assertThat(a.code()).isEqualTo("PAYLOAD_TOO_LARGE");
            assertThat(app.anonymous().call("POST", "/webhooks/mandrill", big).status()).isEqualTo(413);
        }
        // a client that asks first is refused before it sends the body
        TestApp.Answer asked = app.bearer(app.adminToken).call("POST", "/enrollments/E3/cancel", big,
                "Expect", "100-continue");
        assertThat(asked.status()).isEqualTo(413);
        assertThat(asked.code()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void a_slow_client_is_dropped_after_the_idle_timeout() throws Exception {
        try (Socket s = new Socket("127.0.0.1", app.server.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"user")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            InputStream in = s.getInputStream();
            byte[] answer = in.readAllBytes();   // the server gives up on the rest of the body and closes
            long waited = Duration.ofNanos(System.nanoTime() - started).toMillis();
            assertThat(waited).isLessThan(9_000);
            String text = new String(answer, StandardCharsets.US_ASCII);
            assertThat(text.isEmpty() || text.startsWith("HTTP/1.1 4") || text.startsWith("HTTP/1.1 5")).as(text).isTrue();
        }
    }

    @Test
    void the_access_log_holds_no_personal_data() throws Exception {
        TestApp.Caller dir1 = app.signedIn("dir1");
        dir1.call("GET", "/ui/campuses/C1/rows?q=e1%40example.com", null);
        dir1.call("GET", "/ui/campuses/C1?q=Carolina", null);
        app.anonymous().call("GET", "/enrollments/e2@example.com", null);
        app.anonymous().call("POST", "/login", "{\"username\":\"dir1\",\"password\":\"" + TestApp.PASSWORD + "\"}");
        List<String> lines = accessLog.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("/ui/campuses/C1/rows").contains("DIRECTOR:u"));
        assertThat(String.join("\n", lines)).doesNotContain("example.com").doesNotContain("Carolina")
                .doesNotContain("dir1").doesNotContain(TestApp.PASSWORD).doesNotContain("q=");
    }
}
