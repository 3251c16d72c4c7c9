package io.regla.examples.rosario;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.regla.adapters.hubspot.advising.AdvisingSync;
import io.regla.adapters.hubspot.advising.SyncReport;
import io.regla.adapters.hubspot.HubSpotConfig;
import io.regla.adapters.hubspot.HubSpotHttp;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.email.HubSpotMailer;
import io.regla.adapters.store.jdbc.JdbcStore;
import io.regla.api.action.Alert;
import io.regla.core.Regla;
import io.regla.core.decide.DroolsEngine;
import io.regla.examples.DemoPart;
import io.regla.rules.advising.Enrolment;
import io.regla.adapters.hubspot.advising.NoticeChannel;
import io.regla.rules.advising.Faculties;
import io.regla.rules.advising.FacultyChange;
import io.regla.rules.advising.Notices;
import io.regla.rules.advising.RouteTable;
import io.regla.rules.advising.RouteTableCheck;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The seed's university (Universidad del Rosario, continuing education): 500 synthetic deals across the 12
 * faculties of the bundled table, synced against a HubSpot portal on loopback, then synced again from the
 * start to show that a re-run changes nothing and sends nothing twice.
 */
public final class RosarioDemo implements DemoPart {

    static final int DEALS = 500;
    // advising 1.1.0 is in force (from 2026-12-01): deals are routed by their contacts' faculty.
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
    private static final Instant START = Instant.parse("2026-12-01T05:00:00Z");
    private static final String COORDINATION = "950";
    /** Left the university: still in the table, no longer a HubSpot owner (the table check and ASESOR_DESCONOCIDO catch it). */
    private static final String LEFT = "diego.moreno@example.edu.co";

    @Override
    public String title() {
        return "Rosario: university leads routed by their contacts' faculty in HubSpot (advising 1.1.0)";
    }

    @Override
    public void run(PrintWriter out) throws Exception {
        long t0 = System.nanoTime();
        RouteTable table = RouteTable.parse(bundled("rules/advising/1.0.0/faculty-routes.csv"), "faculty-routes.csv");
        List<String> faculties = RouteTableCheck.readCatalogue(bundled("rules/advising/faculties.csv")).stream()
                .map(RouteTableCheck.CatalogueEntry::faculty).toList();
        List<HubSpotPortal.Owner> owners = new ArrayList<>();
        int n = 101;
        for (RouteTable.Row row : table.rows()) {
            if (row.advisorEmail().equals(LEFT)) continue;
            String[] name = row.advisorName().split(" ", 2);
            owners.add(new HubSpotPortal.Owner(row.isFallback() ? "900" : String.valueOf(n++), row.advisorEmail(), name[0], name[1]));
        }
        owners.add(new HubSpotPortal.Owner(COORDINATION, "coordinacion.educon@example.edu.co", "Coordinación", "Educación Continua"));
        HubSpotPortal portal = new HubSpotPortal(owners);
        populate(portal, faculties, table, owners, new Random(2026));

        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .extensions(portal).disableRequestJournal().containerThreads(8).jettyAcceptors(1));
        server.start();
        Path dir = Files.createTempDirectory("regla-rosario");
        try (DroolsEngine engine = Regla.builder().bundledRules().buildDrools();
             JdbcStore store = JdbcStore.h2(dir.resolve("regla"), Clock.fixed(NOW, ZoneOffset.UTC))) {
            server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)));
            HubSpotConfig config = HubSpotConfig.of("demo-private-app-token").withBaseUri(URI.create(server.baseUrl()));
            HubSpotHttp http = new HubSpotHttp(config);
            // Notices go as the seed's internal e-mail ("Aviso interno", HubSpot email 77) to the deal owner.
            AdvisingSync sync = new AdvisingSync(engine, new HubSpotCrm(http), new HubSpotMailer(http,
                    Map.of(Enrolment.TEMPLATE, 4242L, Notices.EMAIL_TEMPLATE, 77L)),
                    store, Clock.fixed(NOW, ZoneOffset.UTC), AdvisingSync.Properties.defaults(), NoticeChannel.EMAIL);
            out.printf("  HubSpot portal on %s: %d deals, %d contacts, %d owners (%s left: still in the table)%n",
                    server.baseUrl(), portal.deals.size(), portal.contacts.size(), owners.size(), mask(LEFT));

            long s1 = System.nanoTime();
            SyncReport first = sync.run(START);
            out.printf("  sync 1: %d deals, %d owner changes, %d enrolment e-mails sent, %d notices (internal e-mail), %d alerts, %d HubSpot calls, %d ms%n",
                    first.deals(), first.ownerChanges(), first.emailsSent(), first.noticesCreated(), first.alerts().size(),
                    portal.requests.get(), (System.nanoTime() - s1) / 1_000_000);
            Map<String, String> names = owners.stream().collect(Collectors.toMap(HubSpotPortal.Owner::id,
                    o -> o.firstName() + " " + o.lastName()));
            out.println("  deals routed per advisor:");
            new TreeMap<>(first.routedPerOwner().entrySet().stream().collect(Collectors.toMap(
                    e -> names.getOrDefault(e.getKey(), e.getKey()), Map.Entry::getValue)))
                    .forEach((name, count) -> out.printf("    %-24s %3d%n", name, count));
            Map<String, Long> notices = portal.noticeSubjects.stream().collect(Collectors.groupingBy(
                    subject -> subject.replaceAll(" \\[.*", ""), TreeMap::new, Collectors.counting()));
            out.println("  notices sent (internal e-mail to the deal owner): " + notices);
            Map<String, Long> alerts = first.alerts().stream().collect(Collectors.groupingBy(Alert::code, TreeMap::new, Collectors.counting()));
            out.println("  alerts: " + alerts);

            // Rewind the cursor: the same 500 deals again, as if the poller had crashed before saving it.
            store.cursors().put(AdvisingSync.CURSOR, START.toString());
            int patches = portal.patches.get(), tasks = portal.tasks.size(), sends = portal.sendIds.size();
            SyncReport second = sync.run(START);
            out.printf("  sync 2 over the same %d deals: %d owner changes, %d e-mails queued, %d notices queued "
                            + "(HubSpot saw %d new owner updates, %d new tasks, %d new e-mails)%n",
                    second.deals(), second.ownerChanges(), second.emailsQueued(), second.noticesQueued(),
                    portal.patches.get() - patches, portal.tasks.size() - tasks, portal.sendIds.size() - sends);

            // A student moves to Economía: HubSpot's contact.propertyChange webhook names her; she and her open deal move.
            HubSpotPortal.Contact student = portal.contacts.values().stream().filter(c -> c.faculty != null
                    && Faculties.same(c.faculty, "JURISPRUDENCIA") && portal.deals.values().stream()
                    .anyMatch(d -> d.contactIds.equals(List.of(c.id)))).findFirst().orElseThrow();
            String before = student.faculty;
            student.faculty = "ECONOMÍA";
            SyncReport moved = sync.processFacultyChanges(List.of(new FacultyChange(student.id, before, "ECONOMÍA", "userId:4242", NOW)));
            out.printf("  contact %s changes faculty %s -> ECONOMÍA: %d owner changes%n", student.id, before.strip(), moved.ownerChanges());
            sync.journey(student.id).forEach(step -> out.printf("    journey: %s %s %s %s -> %s by %s%n", step.what(),
                    step.objectType(), step.objectId(), step.from() == null ? "-" : names.getOrDefault(step.from(), step.from().strip()),
                    names.getOrDefault(step.to(), step.to()), step.by()));
        } finally {
            server.stop();
            deleteQuietly(dir);
        }
        out.printf("  (%d ms)%n", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Deals as a CRM holds them: faculties spelt every which way, some missing or unknown, owners partly set. */
    private static void populate(HubSpotPortal portal, List<String> faculties, RouteTable table, List<HubSpotPortal.Owner> owners, Random random) {
        Map<String, String> advisorOf = new TreeMap<>();
        for (RouteTable.Row row : table.rows()) {
            owners.stream().filter(o -> Faculties.sameEmail(o.email(), row.advisorEmail())).findFirst()
                    .ifPresent(o -> advisorOf.put(Faculties.key(row.faculty()), o.id()));
        }
        String[] programmes = {"Diplomado en", "Curso de", "Especialización en", "Seminario de"};
        String[] firstNames = {"Ana", "Luis", "Camila", "Jorge", "Sofía", "Andrés", "Valeria", "Mateo", "Isabella", "Tomás"};
        String[] lastNames = {"Pérez", "Gómez", "Rodríguez", "Martínez", "López", "García", "Torres", "Ramírez"};
        int contactId = 500_000;
        for (int i = 0; i < DEALS; i++) {
            double roll = random.nextDouble();
            String faculty;
            if (roll < 0.05) faculty = random.nextBoolean() ? null : " ";
            else if (roll < 0.08) faculty = random.nextBoolean() ? "TEOLOGÍA" : "Música";
            else faculty = respell(faculties.get(random.nextInt(faculties.size())), random);
            String right = faculty == null ? null : advisorOf.get(Faculties.key(faculty));
            double ownerRoll = random.nextDouble();
            String owner = ownerRoll < 0.3 && right != null ? right : ownerRoll < 0.6 ? COORDINATION : null;
            List<String> contactIds = new ArrayList<>();
            for (int c = 0; c < 1 + random.nextInt(2); c++) {
                String id = String.valueOf(contactId++);
                String first = firstNames[random.nextInt(firstNames.length)];
                String last = lastNames[random.nextInt(lastNames.length)];
                String email = random.nextDouble() < 0.9 ? (first + "." + last + id).toLowerCase()
                        .replaceAll("[^a-z0-9.]", "") + "@example.com" : null;
                portal.contacts.put(id, new HubSpotPortal.Contact(id, email, first, last, contactFaculty(faculty, c, faculties, random),
                        random.nextBoolean() ? owner : null));
                contactIds.add(id);
            }
            String dealId = String.valueOf(1_000 + i);
            String name = programmes[random.nextInt(programmes.length)] + " " + (faculty == null || faculty.isBlank() ? "Gestión" : faculty.strip()) + " " + (i + 1);
            portal.deals.put(dealId, new HubSpotPortal.Deal(dealId, name, faculty, owner, START.plusSeconds(600L * i), contactIds));
        }
    }

    /**
     * The contact's "Facultad" as forms fill it: mostly the programme's faculty (respelt), sometimes empty; a contact of
     * a deal without faculty often has one (1.1.0 routes it); now and then a second contact names another faculty.
     */
    private static String contactFaculty(String dealFaculty, int index, List<String> faculties, Random random) {
        double roll = random.nextDouble();
        boolean known = dealFaculty != null && faculties.stream().anyMatch(f -> Faculties.same(f, dealFaculty));
        if (index > 0 && roll < 0.04) return faculties.get(random.nextInt(faculties.size()));
        if (!known) return index == 0 && roll < 0.5 && (dealFaculty == null || dealFaculty.isBlank())
                ? respell(faculties.get(random.nextInt(faculties.size())), random) : null;
        return roll < 0.8 ? respell(dealFaculty, random) : null;
    }

    private static String respell(String faculty, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> faculty;
            case 1 -> faculty.toLowerCase();
            case 2 -> java.text.Normalizer.normalize(faculty, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "") + "  ";
            default -> " " + faculty.charAt(0) + faculty.substring(1).toLowerCase();
        };
    }

    private static String bundled(String resource) {
        try (InputStream in = RosarioDemo.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is not on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mask(String email) {
        return io.regla.api.PersonalData.maskEmail(email);
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
