package io.regla.rules.advising;

import io.regla.api.Action;
import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The advising invariants over random deals, against the bundled table and a CRM that knows every advisor. */
class AdvisingProperties {

    private static final Instant AT = Instant.parse("2026-08-03T14:00:00Z");
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

    /** The CRM as the actions leave it: owners per object, e-mail keys and notice keys handed to the outbox. */
    record Crm(Map<String, String> owners, Set<String> emailKeys, Set<String> noticeKeys) {
        static Crm of(Deal deal, List<Contact> contacts) {
            Map<String, String> o = new HashMap<>();
            o.put("DEAL:" + deal.id(), deal.ownerId());
            contacts.forEach(c -> o.put("CONTACT:" + c.id(), c.ownerId()));
            return new Crm(o, new TreeSet<>(), new TreeSet<>());
        }

        void apply(List<Action> actions) {
            for (Action a : actions) {
                if (a instanceof AssignOwner ao) owners.put(ao.objectType() + ":" + ao.objectId(), ao.ownerId());
                if (a instanceof SendEmail e) emailKeys.add(e.key());
                if (a instanceof NotifyInternal n) noticeKeys.add(Notices.key(n.dealId(), n.subject()));
            }
        }

        Deal deal(Deal d) {
            return new Deal(d.id(), d.name(), d.faculty(), owners.get("DEAL:" + d.id()), d.contactIds());
        }

        List<Contact> contacts(List<Contact> cs) {
            return cs.stream().map(c -> new Contact(c.id(), c.email(), c.firstName(), c.lastName(), c.faculty(),
                    owners.get("CONTACT:" + c.id()))).toList();
        }
    }

    record Lead(Deal deal, List<Contact> contacts, Optional<RouteTable.Row> route) {
    }

    private static Decision decide(Deal deal, List<Contact> contacts) {
        List<Object> facts = new ArrayList<>(owners);
        facts.add(deal);
        facts.addAll(contacts);
        return engine.decide("advising", facts, DecideOptions.at(AT));
    }

    private static String ownerIdOf(String email) {
        return owners.stream().filter(o -> o.hasEmail(email)).findFirst().orElseThrow().ownerId();
    }

    @Property(tries = 150)
    void everyRoutedDealEndsWithExactlyOneOwnerTheRoutesAdvisor(@ForAll("routedLeads") Lead lead) {
        Decision d = decide(lead.deal(), lead.contacts());
        String advisor = ownerIdOf(lead.route().orElseThrow().advisorEmail());
        List<AssignOwner> dealAssignments = d.actions(AssignOwner.class).stream()
                .filter(a -> a.objectType().equals("DEAL")).toList();
        assertThat(dealAssignments).hasSizeLessThanOrEqualTo(1);
        Crm crm = Crm.of(lead.deal(), lead.contacts());
        crm.apply(d.actions());
        assertThat(crm.owners().get("DEAL:" + lead.deal().id())).isEqualTo(advisor);
        for (Contact c : lead.contacts()) assertThat(crm.owners().get("CONTACT:" + c.id())).isEqualTo(advisor);
        if (advisor.equals(lead.deal().ownerId())) assertThat(dealAssignments).isEmpty();
    }

    @Property(tries = 100)
    void aDealWithNoFacultyNeverChangesOwner(@ForAll("leadsWithoutFaculty") Lead lead) {
        Decision d = decide(lead.deal(), lead.contacts());
        assertThat(d.actions(AssignOwner.class)).isEmpty();
        assertThat(d.actions(SendEmail.class)).isEmpty();
        assertThat(d.actions(NotifyInternal.class)).singleElement()
                .satisfies(n -> assertThat(n.subject()).isEqualTo(Notices.noFacultySubject(lead.deal().name())));
    }

    @Property(tries = 150)
    void everySpellingVariantOfAFacultyRoutesAlike(@ForAll("routedLeads") Lead lead, @ForAll("variants") java.util.function.UnaryOperator<String> variant) {
        Deal original = lead.deal();
        Deal respelt = new Deal(original.id(), original.name(), variant.apply(original.faculty()), original.ownerId(), original.contactIds());
        Decision a = decide(original, lead.contacts());
        Decision b = decide(respelt, lead.contacts());
        assertThat(b.actions(AssignOwner.class)).containsExactlyInAnyOrderElementsOf(a.actions(AssignOwner.class));
        assertThat(b.actions(SendEmail.class).stream().map(SendEmail::key).toList())
                .containsExactlyInAnyOrderElementsOf(a.actions(SendEmail.class).stream().map(SendEmail::key).toList());
        assertThat(b.actions()).noneMatch(x -> x instanceof io.regla.api.action.Alert);
    }

    @Property(tries = 150)
    void processingADealTwiceEqualsProcessingItOnce(@ForAll("anyLeads") Lead lead) {
        Crm once = Crm.of(lead.deal(), lead.contacts());
        once.apply(decide(lead.deal(), lead.contacts()).actions());

        Crm twice = Crm.of(lead.deal(), lead.contacts());
        twice.apply(decide(lead.deal(), lead.contacts()).actions());
        Decision second = decide(twice.deal(lead.deal()), twice.contacts(lead.contacts()));
        assertThat(second.actions(AssignOwner.class)).as("a re-run re-assigns nothing").isEmpty();
        twice.apply(second.actions());
        assertThat(twice).isEqualTo(once);
    }

    // --- generators ---

    @Provide
    Arbitrary<Lead> routedLeads() {
        return leads(Arbitraries.of(routes).map(Optional::of));
    }

    @Provide
    Arbitrary<Lead> leadsWithoutFaculty() {
        return leads(Arbitraries.just(Optional.<RouteTable.Row>empty())).flatMap(l -> Arbitraries.of(null, "", "   ")
                .map(f -> new Lead(new Deal(l.deal().id(), l.deal().name(), f,
                        l.deal().ownerId() == null ? "555" : l.deal().ownerId(), l.deal().contactIds()), l.contacts(), l.route())));
    }

    @Provide
    Arbitrary<Lead> anyLeads() {
        Arbitrary<Optional<RouteTable.Row>> route = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(routes).map(Optional::of)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Optional.empty())));
        return leads(route).flatMap(l -> l.route().isPresent() ? Arbitraries.just(l)
                : Arbitraries.of(null, " ", "TEOLOGÍA").map(f -> new Lead(new Deal(l.deal().id(), l.deal().name(), f,
                l.deal().ownerId(), l.deal().contactIds()), l.contacts(), l.route())));
    }

    private Arbitrary<Lead> leads(Arbitrary<Optional<RouteTable.Row>> routeArb) {
        Arbitrary<String> ownerIds = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just((String) null)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of(owners).map(Advisor::ownerId)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just("555")));
        Arbitrary<Contact> contact = Combinators.combine(Arbitraries.integers().between(1, 99999), ownerIds,
                Arbitraries.of(true, true, false)).as((n, owner, hasEmail) ->
                new Contact("C" + n, hasEmail ? "c" + n + "@example.com" : null, "Nombre" + n, "Apellido", null, owner));
        return Combinators.combine(routeArb, ownerIds, contact.list().ofMaxSize(3).uniqueElements(Contact::id),
                Arbitraries.integers().between(1, 99999), variants()).as((route, owner, contacts, n, variant) -> {
            String faculty = route.map(r -> variant.apply(r.faculty())).orElse(null);
            Deal deal = new Deal("D" + n, "Programa " + n, faculty, owner, contacts.stream().map(Contact::id).toList());
            return new Lead(deal, contacts, route);
        });
    }

    /** Respellings an analyst or a form may produce: case, accents added or dropped, surrounding spaces. */
    @Provide
    Arbitrary<java.util.function.UnaryOperator<String>> variants() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.of("", " ", "  ", "\t"), Arbitraries.of("", " ", "   "))
                .as((seed, before, after) -> s -> {
                    java.util.Random random = new java.util.Random(seed);
                    String plain = java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
                    StringBuilder out = new StringBuilder(before);
                    for (char c : plain.toCharArray()) {
                        char x = random.nextBoolean() ? Character.toLowerCase(c) : Character.toUpperCase(c);
                        out.append(x);
                        if ("aeiouAEIOU".indexOf(x) >= 0 && random.nextInt(4) == 0) out.append('\u0301'); // combining acute
                    }
                    String respelt = out.append(after).toString();
                    return random.nextBoolean() ? java.text.Normalizer.normalize(respelt, java.text.Normalizer.Form.NFC) : respelt;
                });
    }
}
