package io.regla.adapters.http.serve;

import io.regla.rules.nursery.admissions.NurseryRecords;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.cli.ReglaCli;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code regla serve} in-process on an ephemeral port: real HTTP calls, the background loops, then a clean stop. */
class ServeCommandTest {

    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void servesTheStoreOverHttpRunsTheBackgroundLoopsAndStopsWhenInterrupted(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("store");
        Path mail = dir.resolve("mail");
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            NurseryRecords records = new NurseryRecords(store.facts());
            records.putCampus(new Campus("C1", "Vitamina Providencia", 2));
            records.putEnrollment(new Enrollment("E1", "Ana", "C1", "Rosa", "rosa@example.com",
                    LocalDate.now(Clock.systemUTC()), LocalDate.now(Clock.systemUTC()).plusDays(30), EnrollmentStatus.ENROLLED));
        }

        CommandLine cli = ReglaCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        ServeCommand serve = (ServeCommand) cli.getSubcommands().get("serve").getCommand();
        serve.environment = Map.of(ServedApplication.ENV_WEBHOOK_KEY, "whk-test", CampusCountRoute.ENV_ENABLED, "yes");
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.execute("serve", "--port", "0", "--db", db.toString(),
                "--mail-dir", mail.toString(), "--dispatch-every", "200ms")), "serve-under-test");
        running.start();
        try {
            await(() -> out.toString().contains("listening on"), "the listening line; output so far: " + out);
            Matcher m = Pattern.compile("listening on (http://127\\.0\\.0\\.1:(\\d+))").matcher(out.toString());
            assertThat(m.find()).as(out.toString()).isTrue();
            URI base = URI.create(m.group(1));
            assertThat(Integer.parseInt(m.group(2))).isPositive();

            HttpResponse<String> enrollments = get(base.resolve("/campuses/C1/enrollments"));
            assertThat(enrollments.statusCode()).isEqualTo(200);
            assertThat(enrollments.body()).contains("\"E1\"");
            assertThat(get(base.resolve("/campuses/NOPE/enrollments")).statusCode()).isEqualTo(404);
            // the Mandrill webhook is on (its key is set): its creation probe answers
            assertThat(get(base.resolve("/webhooks/mandrill")).body()).contains("ready");
            // the plug-in route found through ServiceLoader, reading the store serve runs on
            HttpResponse<String> plugin = get(base.resolve("/test/campus-count"));
            assertThat(plugin.statusCode()).isEqualTo(200);
            assertThat(plugin.body()).isEqualTo("{\"campuses\":1}");
            // the daily run enqueued the welcome mail and the dispatcher wrote it out as .eml
            await(() -> emlFiles(mail) == 1, "the welcome mail in " + mail);
        } finally {
            running.interrupt();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(running.isAlive()).isFalse();
        assertThat(exit.get()).isZero();
        assertThat(out.toString()).contains("regla serve: stopping");
        URI gone = URI.create(out.toString().replaceAll("(?s).*listening on (http://[^ ]+).*", "$1"));
        assertThatThrownBy(() -> get(gone.resolve("/campuses/C1/enrollments"))).isInstanceOf(ConnectException.class);
        // the store was closed cleanly: it opens again with what was written
        try (JdbcStore store = JdbcStore.h2(db, Clock.systemUTC())) {
            assertThat(new NurseryRecords(store.facts()).emailsSentFor("E1")).hasSize(1);
        }
    }

    @Test
    void withoutTheWebhookKeyOrAnExtensionsSettingThoseRoutesAreNotServed(@TempDir Path dir) throws Exception {
        CommandLine cli = ReglaCli.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        ((ServeCommand) cli.getSubcommands().get("serve").getCommand()).environment = Map.of();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread running = new Thread(() -> exit.set(cli.execute("serve", "--port", "0", "--db", dir.resolve("store").toString(),
                "--mail-dir", dir.resolve("mail").toString())), "serve-under-test");
        running.start();
        try {
            await(() -> out.toString().contains("listening on"), "the listening line; output so far: " + out);
            URI base = URI.create(out.toString().replaceAll("(?s).*listening on (http://[^ ]+).*", "$1"));
            assertThat(out.toString()).contains("mail as .eml in");
            assertThat(get(base.resolve("/webhooks/mandrill")).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/metrics/mailing")).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/test/campus-count")).statusCode()).isEqualTo(404);
            assertThat(get(base.resolve("/campuses/C1/enrollments")).body()).contains("no campus 'C1'");
        } finally {
            running.interrupt();
            running.join(Duration.ofSeconds(30).toMillis());
        }
        assertThat(exit.get()).isZero();
    }

    @Test
    void refusesAPortOutOfRange() {
        CommandLine cli = ReglaCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("serve", "--port", "70000")).isEqualTo(ReglaCli.USAGE);
        assertThat(err.toString()).contains("--port 70000");
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
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
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
