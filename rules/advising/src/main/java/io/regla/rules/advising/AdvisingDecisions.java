package io.regla.rules.advising;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.action.Alert;
import io.regla.api.action.AssignOwner;
import io.regla.api.action.NotifyInternal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The advising domain's decisions for one deal: the {@code advising} rule set over the deal, its contacts and the
 * portal's advisors, read into what a CRM integration applies (owner changes per object) and what it reports
 * (whether the deal was routed, and to whom). Knows no CRM: an adapter reads the records and applies the result.
 */
public final class AdvisingDecisions {

    public static final String RULE_SET = "advising";

    private final RulesEngine engine;

    public AdvisingDecisions(RulesEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Decides one deal at {@code at} (the rule set version effective then). */
    public DealRouting route(Deal deal, List<Contact> contacts, List<Advisor> advisors, Instant at) {
        List<Object> facts = new ArrayList<>(advisors);
        facts.add(deal);
        facts.addAll(contacts);
        Decision decision = engine.decide(RULE_SET, facts, DecideOptions.at(at));
        Map<String, String> dealOwners = new LinkedHashMap<>();
        Map<String, String> contactOwners = new LinkedHashMap<>();
        String dealOwner = deal.ownerId();
        for (AssignOwner a : decision.actions(AssignOwner.class)) {
            if (a.objectType().equals("DEAL")) {
                dealOwners.put(a.objectId(), a.ownerId());
                dealOwner = a.ownerId();
            } else {
                contactOwners.put(a.objectId(), a.ownerId());
            }
        }
        // Routed: a faculty (the deal's or, from 1.1.0, a contact's), and neither an alert nor a notice (those mean no
        // route, or no usable one).
        boolean routed = (deal.hasFaculty() || contacts.stream().anyMatch(Contact::hasFaculty)) && decision.actions(Alert.class).isEmpty()
                && decision.actions(NotifyInternal.class).isEmpty();
        return new DealRouting(deal, decision, dealOwners, contactOwners, routed ? dealOwner : null);
    }

    /**
     * Re-routes contacts whose faculty changed (advising 1.1.0 and later): one decision over the changes, the changed
     * contacts, their open deals and those deals' other contacts. Owner moves come back per object; the enrolment
     * e-mail is not part of a re-route (it went with the deal's first routing), so callers ignore {@code SendEmail}.
     */
    public Rerouting reroute(List<FacultyChange> changes, List<Deal> openDeals, List<Contact> contacts,
                             List<Advisor> advisors, Instant at) {
        List<Object> facts = new ArrayList<>(advisors);
        facts.addAll(changes);
        facts.addAll(openDeals);
        facts.addAll(contacts);
        Decision decision = engine.decide(RULE_SET, facts, DecideOptions.at(at));
        Map<String, String> dealOwners = new LinkedHashMap<>();
        Map<String, String> contactOwners = new LinkedHashMap<>();
        for (AssignOwner a : decision.actions(AssignOwner.class)) {
            (a.objectType().equals("DEAL") ? dealOwners : contactOwners).put(a.objectId(), a.ownerId());
        }
        return new Rerouting(decision, dealOwners, contactOwners);
    }

    /** What the rules decided for contacts who changed faculty: owner moves per deal and per contact. */
    public record Rerouting(Decision decision, Map<String, String> dealOwners, Map<String, String> contactOwners) {
        public Rerouting {
            dealOwners = Collections.unmodifiableMap(new LinkedHashMap<>(dealOwners));
            contactOwners = Collections.unmodifiableMap(new LinkedHashMap<>(contactOwners));
        }
    }

    /**
     * What the rules decided for one deal.
     *
     * @param dealOwners    deal id → new owner id (empty when the owner is already right)
     * @param contactOwners contact id → new owner id
     * @param routedTo      the advisor owning the routed deal, or null when the deal was not routed
     */
    public record DealRouting(Deal deal, Decision decision, Map<String, String> dealOwners,
                              Map<String, String> contactOwners, String routedTo) {
        public DealRouting {
            dealOwners = Collections.unmodifiableMap(new LinkedHashMap<>(dealOwners));
            contactOwners = Collections.unmodifiableMap(new LinkedHashMap<>(contactOwners));
        }
    }
}
