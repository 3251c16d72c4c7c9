package io.regla.adapters.http.serve;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code regla serve --demo}, {@code regla users} and {@code regla tokens} in-process on an H2 file. */
class ServeCommandTest {

    /** Mailchimp Marketing for the scheduled audience and report syncs. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static com.github.tomakehurst.wiremock.junit5.WireMockExtension mailchimp = com.github.tomakehurst.wiremock.junit5.WireMockExtension
            .newInstance().options(com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig().dynamicPort()).build();

    @Test
    void demoServeSignsInTheSeededDirectorAndTheCliAddsUsersAndTokens(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("store");
        // the school's database the scheduled import reads (H2 here, SQL Server in production)
        String sourceUrl = "jdbc:h2:" + dir.resolve("school").toAbsolutePath();
        try (var c = java.sql.DriverManager.getConnection(sourceUrl, "sa", "school-pw"); var st = c.createStatement()) {
            st.execute("CREATE TABLE sedes (id VARCHAR(10), nombre VARCHAR(50), cupos INT)");
            st.execute("INSERT INTO sedes VALUES ('C09', 'Vitamina Maipú', 4)");
        }
        Path importYaml = dir.resolve("import.yaml");
        Files.writeString(importYaml, "source:\n  url: " + sourceUrl + "\n  user: sa\n  passwordEnv: REGLA_IMPORT_PASSWORD\n"
                + "records:\n  - type: Campus\n    query: SELECT id, nombre AS name, cupos AS daily_adaptation_capacity, 5 AS adaptation_days FROM sedes\n");
        CommandLine cli = ReglaCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).environment = Map.of("MANDRILL_WEBHOOK_KEY", "whk-test",
                "REGLA_IMPORT_PASSWORD", "school-pw", "REGLA_SERVICE_DEMO_CONVERSATIONS", "800", "MAILCHIMP_API_KEY", "0123456789abcdef0123456789abcdef-us14",
                "MAILCHIMP_BASE_URL", mailchimp.baseUrl() + "/3.0", "MAILCHIMP_LIST_ID", "a1b2c3d4e5");
        mailchimp.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/3.0/lists/a1b2c3d4e5/members"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"members\":[],\"total_items\":0}")));
        mailchimp.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/3.0/reports"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"reports\":[],\"total_items\":0}")));
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.execute("serve", "--port", "0", "--db", db.toString(), "--demo",
                "--mail-dir", dir.resolve("mail").toString(), "--dispatch-every", "200ms", "--import-every", "12h",
                "--import-config", importYaml.toString(), "--audience-sync-every", "6h", "--reports-sync-every", "6h")),
                "serve-under-test");
        running.start();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        try {
            await(() -> out.toString().contains("listening on"), "the listening line; output so far: " + out);
            URI base = URI.create(out.toString().replaceAll("(?s).*listening on (http://[^ ]+).*", "$1"));
            Matcher pw = Pattern.compile("directora\\.c01 \\(DIRECTOR C01\\) password: (\\S+)").matcher(out.toString());
            assertThat(pw.find()).as(out.toString()).isTrue();
            assertThat(out.toString()).contains("admin (ADMIN) password: ");

            assertThat(send(http, base, "GET", "/health", null).body()).contains("UP");
            assertThat(send(http, base, "GET", "/campuses/C01/enrollments", null).statusCode()).isEqualTo(401);
            HttpResponse<String> login = send(http, base, "POST", "/login",
                    "{\"username\":\"directora.c01\",\"password\":\"" + pw.group(1) + "\"}");
            assertThat(login.statusCode()).isEqualTo(200);
            assertThat(send(http, base, "GET", "/campuses/C01/enrollments", null).body()).contains("\"E00001\"");
            assertThat(send(http, base, "GET", "/campuses/C02/enrollments", null).statusCode()).isEqualTo(403);
            assertThat(send(http, base, "GET", "/webhooks/mandrill", null).body()).contains("ready");
            // the scheduled import ran at start: its campus is in the store, its run on the admin page
            Matcher adminPw = Pattern.compile("admin \\(ADMIN\\) password: (\\S+)").matcher(out.toString());
            assertThat(adminPw.find()).isTrue();
            HttpClient adminHttp = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertThat(send(adminHttp, base, "POST", "/login", "{\"username\":\"admin\",\"password\":\"" + adminPw.group(1) + "\"}")
                    .statusCode()).isEqualTo(200);
            await(() -> {
                try {
                    return send(adminHttp, base, "GET", "/campuses", null).body().contains("C09");
                } catch (Exception e) {
                    return false;
                }
            }, "the imported campus C09");
            assertThat(send(adminHttp, base, "GET", "/ui/admin", null).body()).contains("Campus: 1 filas");
            // the customer-service dashboard: the demo's contact centre imported, one user per role, each sent to /service
            await(() -> out.toString().contains("a contact centre of 800 conversations"), "the service demo import; output so far: " + out);
            // and each chart's totals (issue 12: "printing each chart's totals")
            await(() -> out.toString().contains("8. Distribución de ventas por canal: sales="), "chart 8's totals; output so far: " + out);
            assertThat(out.toString()).containsPattern("1\\. Rendimiento de los agentes por volumen de conversaciones: conversations=\\d+ successful=\\d+")
                    .containsPattern("3\\. Conversaciones que resultaron en ventas: conversations=\\d+ withSale=\\d+ conversionRate=[0-9.]+")
                    .containsPattern("4\\. Ingresos generados por agente: revenue=[0-9.]+")
                    .contains("7. Actividad diaria en la plataforma: started=");
            for (String role : List.of("gerente (MANAGER", "supervisora (SUPERVISOR", "directora.ventas (SALES_DIRECTOR",
                    "analista (ANALYST", "admin.sistema (SYSTEM_ADMIN")) {
                assertThat(out.toString()).contains(role);
            }
            Matcher managerPw = Pattern.compile("gerente \\(MANAGER, Gerente General\\) password: (\\S+)").matcher(out.toString());
            assertThat(managerPw.find()).isTrue();
            HttpClient manager = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            assertThat(send(manager, base, "POST", "/login", "{\"username\":\"gerente\",\"password\":\"" + managerPw.group(1) + "\"}")
                    .statusCode()).isEqualTo(200);
            HttpResponse<String> twoYears = send(manager, base, "GET", "/service/charts/3?from="
                    + java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusYears(2) + "&granularity=MONTH", null);
            assertThat(twoYears.statusCode()).isEqualTo(200);
            assertThat(twoYears.body()).containsPattern("\"conversations\":[1-9]");
            assertThat(send(manager, base, "GET", "/service", null).body()).contains("Tablero de atención al cliente");
            assertThat(send(manager, base, "GET", "/service/alerts", null).statusCode()).isEqualTo(403);
            // the Mailchimp syncs ran at start (the audience: all members but archived, then the archived ones)
            await(() -> mailchimp.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/3.0/lists/a1b2c3d4e5/members"))
                    .withQueryParam("status", com.github.tomakehurst.wiremock.client.WireMock.absent())).size() == 1
                    && mailchimp.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                    com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/3.0/reports"))).size() == 1, "the Mailchimp syncs");
            // the daily run mails the demo families their welcome, the dispatcher writes it out
            await(() -> emlFiles(dir.resolve("mail")) > 0, "welcome mails in " + dir.resolve("mail"));
        } finally {
            running.interrupt();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(exit.get()).isZero();
        URI gone = URI.create(out.toString().replaceAll("(?s).*listening on (http://[^ ]+).*", "$1"));
        assertThatThrownBy(() -> send(http, gone, "GET", "/health", null)).isInstanceOf(ConnectException.class);

        // the CLI on the same store
        StringWriter cliOut = new StringWriter();
        CommandLine users = ReglaCli.commandLine();
        users.setOut(new PrintWriter(cliOut, true));
        UsersCommand.stdin = new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8));
        assertThat(users.execute("users", "add", "ana", "--role", "DIRECTOR", "--campus", "C02", "--db", db.toString(),
                "--password-stdin")).isZero();
        StringWriter err = new StringWriter();
        users.setErr(new PrintWriter(err, true));
        UsersCommand.stdin = new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8));
        assertThat(users.execute("users", "add", "bob", "--role", "JANITOR", "--db", db.toString(), "--password-stdin")).isNotZero();
        assertThat(err.toString()).contains("unknown role 'JANITOR'").contains("DIRECTOR");
        for (String role : List.of("MANAGER", "SUPERVISOR", "SALES_DIRECTOR", "ANALYST", "SYSTEM_ADMIN")) {
            UsersCommand.stdin = new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8));
            assertThat(users.execute("users", "add", "u." + role.toLowerCase(), "--role", role, "--db", db.toString(),
                    "--password-stdin")).as(role).isZero();
        }
        // as issue 12 writes it, without --password-stdin: a piped password is read all the same
        UsersCommand.stdin = new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8));
        assertThat(users.execute("users", "add", "carlos", "--role", "MANAGER", "--db", db.toString())).isZero();
        // nothing piped and no terminal: a password is generated, printed once, and signs in
        UsersCommand.stdin = new ByteArrayInputStream(new byte[0]);
        assertThat(users.execute("users", "add", "dora", "--role", "ANALYST", "--db", db.toString())).isZero();
        String generated = cliOut.toString().replaceAll("(?s).*password \\(shown once, give it to dora\\): (\\S+).*", "$1");
        assertThat(generated).hasSizeGreaterThanOrEqualTo(12).doesNotContain("added");
        // with --password-stdin the pipe is the contract: nothing on it is an error, no user is added
        UsersCommand.stdin = new ByteArrayInputStream(new byte[0]);
        assertThat(users.execute("users", "add", "eva", "--role", "ANALYST", "--db", db.toString(), "--password-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("--password-stdin: no password on stdin");
        assertThat(users.execute("users", "list", "--db", db.toString())).isZero();
        assertThat(cliOut.toString()).contains("u.system_admin\tSYSTEM_ADMIN").contains("carlos\tMANAGER")
                .contains("dora\tANALYST").doesNotContain("eva\t");
        try (io.regla.adapters.store.jdbc.JdbcStore store = io.regla.adapters.store.jdbc.JdbcStore.h2(db, java.time.Clock.systemUTC())) {
            io.regla.adapters.http.auth.Accounts accounts = new io.regla.adapters.http.auth.Accounts(store.facts(),
                    java.time.Clock.systemUTC(), io.regla.adapters.http.RoleRegistry.fromServiceLoader());
            assertThat(accounts.signIn("dora", generated)).isPresent();
        }
        assertThat(cliOut.toString()).contains("ana\tDIRECTOR\tC02").contains("admin\tADMIN").doesNotContain("$2a$");
        assertThat(users.execute("tokens", "create", "--role", "ADMIN", "--db", db.toString())).isZero();
        assertThat(cliOut.toString()).containsPattern("rgl_[0-9a-f]{12}_\\S{20,}");
    }

    /**
     * Ctrl-C (the serving thread interrupted, as the shutdown hook does) while the service demo data is loading: one
     * line says the load was interrupted, nothing is logged as an error or with a stack trace, and serve exits 0.
     */
    @Test
    void aStopWhileTheServiceDemoDataLoadsEndsQuietlyWithOneLine(@TempDir Path dir) throws Exception {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs = new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        root.addAppender(logs);
        CommandLine cli = ReglaCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).environment = Map.of();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.execute("serve", "--port", "0", "--db", dir.resolve("store").toString(),
                "--demo", "--mail-dir", dir.resolve("mail").toString())), "serve-under-test");
        running.start();
        try {
            await(() -> out.toString().contains("listening on") && out.toString().contains("regla serve --demo: loading a contact centre of"),
                    "the service demo load's first line; output so far: " + out);
        } finally {
            running.interrupt();
            running.join(Duration.ofSeconds(60).toMillis());
            root.detachAppender(logs);
        }
        assertThat(running.isAlive()).isFalse();
        assertThat(exit.get()).as(out.toString()).isZero();
        assertThat(out.toString()).contains("regla serve: stopping")
                .doesNotContain("imported for /service").doesNotContain("/service charts over");
        assertThat(out.toString().lines().filter(l -> l.contains("demo data load was interrupted"))).hasSize(1);
        assertThat(logs.list).as("logged at stop").noneMatch(e -> e.getThrowableProxy() != null
                || e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
    }

    /**
     * The same stop in a real process: SIGTERM while the demo data loads. The JVM's own shutdown hooks (H2 closes its
     * database on exit) run beside serve's; the load ends with its one line, nothing is printed with a stack trace, and
     * the process ends as any SIGTERM'd serve does (143: the JVM's status after its hooks ran).
     */
    @Test
    void sigtermWhileTheServiceDemoDataLoadsEndsTheProcessQuietly(@TempDir Path dir) throws Exception {
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), ReglaCli.class.getName(),
                "serve", "--port", "0", "--db", dir.resolve("store").toString(), "--demo", "--mail-dir", dir.resolve("mail").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("serve.log").toFile()).start();
        java.util.function.Supplier<String> out = () -> {
            try {
                return Files.readString(dir.resolve("serve.log"), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
        try {
            await(() -> out.get().contains("listening on") && out.get().contains("regla serve --demo: loading a contact centre of")
                    || !serve.isAlive(), "the service demo load's first line");
        } finally {
            serve.destroy();   // SIGTERM
            assertThat(serve.waitFor(90, java.util.concurrent.TimeUnit.SECONDS)).as(out.get()).isTrue();
        }
        assertThat(serve.exitValue()).as(out.get()).isEqualTo(143);
        assertThat(out.get()).contains("regla serve: stopping").doesNotContain("imported for /service")
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(" ERROR ");
        assertThat(out.get().lines().filter(l -> l.contains("demo data load was interrupted"))).hasSize(1);
    }

    private static HttpResponse<String> send(HttpClient http, URI base, String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long emlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".eml")).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }
}
