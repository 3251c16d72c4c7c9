package io.regla.rules.advising;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.action.Alert;
import io.regla.api.action.AssignOwner;
import io.regla.api.action.NotifyInternal;
import io.regla.api.action.SendEmail;
import io.regla.core.Regla;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** advising 1.1.0's invariants (issue 13): the contacts' faculty routes the deal; disagreeing contacts route nothing. */
class ContactFacultyProperties {

    private static RulesEngine engine;
    private static List<RouteTable.Row> routes;
    private static List<Advisor> owners;

    @BeforeContainer
    static void setUp() throws IOException {
        engine = Regla.builder().bundledRules().build();
        routes = RouteTable.parse(Files.readString(Path.of("advising/1.0.0/faculty-routes.csv")), "faculty-routes.csv").rows()
                .stream().filter(r -> !r.isFallback()).toList();
        owners = RouteTableCheck.readOwners(Files.readString(Path.of("src/test/resources/advising/owners.csv")), "owners.csv");
    }

    @AfterContainer
    static void tearDown() {
        engine.close();
    }

    record Lead(Deal deal, List<Contact> contacts) {
    }

    private static Decision decide(String version, Lead lead) {
        List<Object> facts = new ArrayList<>(owners);
        facts.add(lead.deal());
        facts.addAll(lead.contacts());
        return engine.decide("advising", facts, DecideOptions.builder().version(version).asOf(java.time.Instant.parse("2026-12-03T14:00:00Z")).build());
    }

    private static String advisorOf(String faculty) {
        String email = routes.stream().filter(r -> Faculties.same(r.faculty(), faculty)).findFirst().orElseThrow().advisorEmail();
        return owners.stream().filter(o -> o.hasEmail(email)).findFirst().orElseThrow().ownerId();
    }

    @Property(tries = 120)
    void contactsThatAgreeRouteTheDealWhateverTheDealSays(@ForAll("agreeingLeads") Lead lead) {
        String faculty = lead.contacts().stream().filter(Contact::hasFaculty).findFirst().orElseThrow().faculty();
        String advisor = advisorOf(faculty);
        Decision d = decide("1.1.0", lead);
        Map<String, String> owner = d.actions(AssignOwner.class).stream()
                .collect(Collectors.toMap(a -> a.objectType() + ":" + a.objectId(), AssignOwner::ownerId));
        assertThat(owner.getOrDefault("DEAL:" + lead.deal().id(), lead.deal().ownerId())).isEqualTo(advisor);
        for (Contact c : lead.contacts()) assertThat(owner.getOrDefault("CONTACT:" + c.id(), c.ownerId())).isEqualTo(advisor);
        assertThat(d.actions(Alert.class)).isEmpty();
        assertThat(d.actions(NotifyInternal.class)).isEmpty();
    }

    @Property(tries = 120)
    void contactsInDifferentFacultiesChangeNoOwnerAndSendNothing(@ForAll("conflictingLeads") Lead lead) {
        Decision d = decide("1.1.0", lead);
        assertThat(d.actions(AssignOwner.class)).isEmpty();
        assertThat(d.actions(SendEmail.class)).isEmpty();
        assertThat(d.actions(Alert.class)).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo("FACULTADES_EN_CONFLICTO");
            assertThat(a.subjectId()).isEqualTo(lead.deal().id());
        });
    }

    /** Where no contact names a faculty, 1.1.0 decides what 1.0.0 decided (notices' wording aside). */
    @Property(tries = 120)
    void withoutContactFacultiesBothVersionsAgree(@ForAll("leadsWithoutContactFaculty") Lead lead) {
        Decision old = decide("1.0.0", lead);
        Decision now = decide("1.1.0", lead);
        assertThat(now.actions(AssignOwner.class)).containsExactlyInAnyOrderElementsOf(old.actions(AssignOwner.class));
        assertThat(now.actions(SendEmail.class)).containsExactlyInAnyOrderElementsOf(old.actions(SendEmail.class));
        assertThat(now.actions(Alert.class).stream().map(Alert::code).toList())
                .containsExactlyInAnyOrderElementsOf(old.actions(Alert.class).stream().map(Alert::code).toList());
        assertThat(now.actions(NotifyInternal.class).stream().map(n -> n.toOwnerId() + " " + n.subject()).toList())
                .containsExactlyInAnyOrderElementsOf(old.actions(NotifyInternal.class).stream().map(n -> n.toOwnerId() + " " + n.subject()).toList());
    }

    // --- generators ---

    private Arbitrary<String> ownerIds() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(owners).map(Advisor::ownerId)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("555")));
    }

    private Arbitrary<String> dealFaculty() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.of(routes).map(RouteTable.Row::faculty)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(null, " ", "TEOLOGÍA")));
    }

    /** Contacts numbered from {@code n}, each with one of {@code faculties} (null: none). */
    private Arbitrary<Lead> lead(Arbitrary<List<String>> contactFaculties) {
        return Combinators.combine(Arbitraries.integers().between(1, 9999), dealFaculty(), ownerIds(), ownerIds().list().ofSize(4),
                contactFaculties).as((n, df, owner, contactOwners, faculties) -> {
            List<Contact> contacts = new ArrayList<>();
            for (int i = 0; i < faculties.size(); i++) {
                String id = "C" + n + "-" + i;
                contacts.add(new Contact(id, i % 2 == 0 ? id.toLowerCase() + "@example.com" : null, "Nombre", "Apellido",
                        faculties.get(i), contactOwners.get(i % contactOwners.size())));
            }
            return new Lead(new Deal("D" + n, "Programa " + n, df, owner, contacts.stream().map(Contact::id).toList()), contacts);
        });
    }

    @Provide
    Arbitrary<Lead> agreeingLeads() {
        return Arbitraries.of(routes).flatMap(r -> Arbitraries.of(r.faculty(), r.faculty().toLowerCase() + " ", null, "  ")
                .list().ofMinSize(1).ofMaxSize(4).filter(l -> l.contains(r.faculty())))
                .flatMap(faculties -> lead(Arbitraries.just(faculties)));
    }

    @Provide
    Arbitrary<Lead> conflictingLeads() {
        Arbitrary<String> any = Arbitraries.of(routes).map(RouteTable.Row::faculty);
        return Combinators.combine(any, any, Arbitraries.of((String) null, " ", "TEOLOGÍA").list().ofMaxSize(2))
                .as((a, b, rest) -> {
                    List<String> l = new ArrayList<>(List.of(a, b));
                    l.addAll(rest);
                    return l;
                })
                .filter(l -> !Faculties.same(l.get(0), l.get(1)))
                .flatMap(faculties -> lead(Arbitraries.just(faculties)));
    }

    @Provide
    Arbitrary<Lead> leadsWithoutContactFaculty() {
        return lead(Arbitraries.of((String) null, "", "  ").list().ofMaxSize(3));
    }
}
