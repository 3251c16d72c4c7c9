package io.regla.adapters.hubspot.advising;

import io.regla.adapters.hubspot.crm.CrmObject;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.crm.HubSpotOwner;
import io.regla.api.action.Alert;
import io.regla.api.action.NotifyInternal;
import io.regla.api.spi.Store;
import io.regla.rules.advising.AdvisingDecisions;
import io.regla.rules.advising.AdvisingDecisions.Rerouting;
import io.regla.rules.advising.Contact;
import io.regla.rules.advising.ContactJourneyStep;
import io.regla.rules.advising.Deal;
import io.regla.rules.advising.Faculties;
import io.regla.rules.advising.FacultyChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Contacts who change faculty (the seed: "si un contacto cambia de facultad … el flujo de trabajo puede fallar"):
 * each moves, with its open deals, to the new faculty's advisor, as the advising rules decide (1.1.0:
 * {@code FacultyChange}). Two ways in, one handling: the webhook subscription {@code contact.propertyChange} on the
 * faculty property ({@link #process}), and the poller ({@link #poll}), which reads the contacts modified since its
 * cursor with the property's history and keeps those whose newest faculty value is new. Handling a change twice
 * (webhook, then poller) moves nobody twice: right owners are not re-assigned.
 *
 * <p>The journey ({@link ContactJourneyStep} facts in the store) records who changed the faculty from what to what,
 * and each owner move it caused. The enrolment e-mail is not sent again: it belongs to the deal's first routing.
 */
final class FacultyChanges {

    static final String CURSOR = "advising.hubspot.contacts.lastmodifieddate";
    private static final Logger LOG = LoggerFactory.getLogger(FacultyChanges.class);

    private final AdvisingSync sync;
    private final AdvisingDecisions decisions;
    private final HubSpotCrm crm;
    private final Store store;
    private final Clock clock;
    private final AdvisingSync.Properties props;

    FacultyChanges(AdvisingSync sync, AdvisingDecisions decisions, HubSpotCrm crm, Store store, Clock clock,
                   AdvisingSync.Properties props) {
        this.sync = sync;
        this.decisions = decisions;
        this.crm = crm;
        this.store = store;
        this.clock = clock;
        this.props = props;
    }

    /** The poller: faculty changes since the cursor (or {@code firstSince}); the cursor moves past what was read. */
    SyncReport poll(Instant firstSince) {
        String stored = store.cursors().get(CURSOR).orElse(null);
        Instant since = stored == null ? firstSince : Instant.parse(stored);
        HubSpotCrm.Modified modified = crm.contactsModifiedSince(since);
        List<FacultyChange> changes = new ArrayList<>();
        if (!modified.ids().isEmpty()) {
            crm.history(HubSpotCrm.ObjectType.CONTACT, modified.ids(), props.contactFaculty()).forEach((id, history) -> {
                if (history.isEmpty() || history.get(0).timestamp() == null || history.get(0).timestamp().isBefore(since)) return;
                HubSpotCrm.PropertyChange now = history.get(0);
                String before = history.size() > 1 ? history.get(1).value() : null;
                // A re-typed spelling of the same faculty is no change.
                if (Faculties.key(now.value()).equals(Faculties.key(before))) return;
                changes.add(new FacultyChange(id, before, now.value(), now.by(), now.timestamp()));
            });
        }
        SyncReport report = process(changes);
        if (!modified.last().equals(since) && !store.cursors().compareAndSet(CURSOR, stored, modified.last().toString())) {
            LOG.warn("cursor {} moved by another sync meanwhile; left as that sync set it", CURSOR);
        }
        return report;
    }

    /** Moves the changed contacts and their open deals; see the class comment. */
    SyncReport process(List<FacultyChange> changes) {
        Instant now = clock.instant();
        if (changes.isEmpty()) return new SyncReport(0, 0, 0, 0, 0, 0, List.of(), Map.of(), null, null, 0);
        Map<String, FacultyChange> latest = new LinkedHashMap<>();
        for (FacultyChange c : withPrevious(changes)) {
            latest.merge(c.contactId(), c, (a, b) -> a.at() != null && b.at() != null && a.at().isAfter(b.at()) ? a : b);
        }
        List<String> changedIds = new ArrayList<>(latest.keySet());
        List<String> dealIds = crm.contactDealIds(changedIds).values().stream().flatMap(List::stream).distinct().toList();
        List<String> dealProps = new ArrayList<>(List.of("dealname", props.dealFaculty(), "hubspot_owner_id", "hs_is_closed"));
        List<CrmObject> open = crm.readAll(HubSpotCrm.ObjectType.DEAL, dealIds, dealProps).stream()
                .filter(d -> !"true".equalsIgnoreCase(d.property("hs_is_closed"))).toList();
        Map<String, List<String>> contactsOf = open.isEmpty() ? Map.of() : crm.dealContactIds(open.stream().map(CrmObject::id).toList());
        Set<String> contactIds = new LinkedHashSet<>(changedIds);
        contactsOf.values().forEach(contactIds::addAll);
        Map<String, Contact> contacts = new HashMap<>();
        for (CrmObject c : crm.readAll(HubSpotCrm.ObjectType.CONTACT, new ArrayList<>(contactIds),
                List.of("email", "firstname", "lastname", props.contactFaculty(), "hubspot_owner_id"))) {
            contacts.put(c.id(), new Contact(c.id(), c.property("email"), c.property("firstname"), c.property("lastname"),
                    c.property(props.contactFaculty()), c.property("hubspot_owner_id")));
        }
        List<Deal> deals = open.stream().map(d -> new Deal(d.id(), d.property("dealname"), d.property(props.dealFaculty()),
                d.property("hubspot_owner_id"), contactsOf.getOrDefault(d.id(), List.of()))).toList();
        List<FacultyChange> known = latest.values().stream().filter(c -> contacts.containsKey(c.contactId())).toList();
        List<HubSpotOwner> owners = crm.owners();
        Rerouting r = decisions.reroute(known, deals, new ArrayList<>(contacts.values()), AdvisingSync.advisors(owners), now);

        List<Alert> alerts = new ArrayList<>(r.decision().actions(Alert.class));
        alerts.forEach(a -> LOG.warn("advising alert {} on {}: {}", a.code(), a.subjectId(), a.message()));
        int noticesQueued = sync.notify(r.decision().actions(NotifyInternal.class), owners, alerts);
        int moved = 0;
        int dealMoves = sync.setOwners(HubSpotCrm.ObjectType.DEAL, r.dealOwners(), alerts);
        int contactMoves = sync.setOwners(HubSpotCrm.ObjectType.CONTACT, r.contactOwners(), alerts);
        moved += dealMoves + contactMoves;

        String by = "regla advising " + r.decision().version();
        Map<String, String> dealOwnerBefore = new HashMap<>();
        deals.forEach(d -> dealOwnerBefore.put(d.id(), d.ownerId()));
        for (FacultyChange c : known) {
            List<ContactJourneyStep> steps = new ArrayList<>();
            Instant at = c.at() == null ? now : c.at();
            steps.add(new ContactJourneyStep(c.contactId(), at, ContactJourneyStep.FACULTY, "CONTACT", c.contactId(),
                    c.from(), c.to(), c.changedBy()));
            if (contactMoves > 0 && r.contactOwners().containsKey(c.contactId())) {
                steps.add(new ContactJourneyStep(c.contactId(), now, ContactJourneyStep.OWNER, "CONTACT", c.contactId(),
                        contacts.get(c.contactId()).ownerId(), r.contactOwners().get(c.contactId()), by));
            }
            if (dealMoves > 0) {
                for (Deal d : deals) {
                    if (d.contactIds().contains(c.contactId()) && r.dealOwners().containsKey(d.id())) {
                        steps.add(new ContactJourneyStep(c.contactId(), now, ContactJourneyStep.OWNER, "DEAL", d.id(),
                                dealOwnerBefore.get(d.id()), r.dealOwners().get(d.id()), by));
                    }
                }
            }
            record(steps);
        }
        return new SyncReport(0, moved, 0, 0, noticesQueued, sync.dispatchNotices(), alerts, Map.of(), null, null, known.size());
    }

    /**
     * A webhook event names the new value only: the property's history says what the faculty was before, so the
     * journey reads "from what to what" whichever way the change came in. The poller's changes have it already.
     */
    private List<FacultyChange> withPrevious(List<FacultyChange> changes) {
        List<String> ids = changes.stream().filter(c -> c.from() == null).map(FacultyChange::contactId).distinct().toList();
        if (ids.isEmpty()) return changes;
        Map<String, List<HubSpotCrm.PropertyChange>> history = crm.history(HubSpotCrm.ObjectType.CONTACT, ids, props.contactFaculty());
        return changes.stream().map(c -> c.from() != null ? c
                : new FacultyChange(c.contactId(), previous(history.get(c.contactId()), c), c.to(), c.changedBy(), c.at())).toList();
    }

    /**
     * The value before {@code change} in {@code history} (newest first): the entry after the newest one that set the
     * changed-to value no later than the event (a minute's leeway: the event's time and the history's may differ by
     * milliseconds). Null when the history does not show the change (the journey then says "-").
     */
    static String previous(List<HubSpotCrm.PropertyChange> history, FacultyChange change) {
        if (history == null) return null;
        Instant latest = change.at() == null ? null : change.at().plusSeconds(60);
        for (int i = 0; i < history.size(); i++) {
            HubSpotCrm.PropertyChange h = history.get(i);
            if (latest != null && h.timestamp() != null && h.timestamp().isAfter(latest)) continue;
            if (Faculties.key(h.value()).equals(Faculties.key(change.to()))) {
                return i + 1 < history.size() ? history.get(i + 1).value() : null;
            }
        }
        return null;
    }

    /**
     * Appends steps; the faculty step's id is its change time, so the same change handled by the webhook and then
     * the poller is recorded once.
     */
    private void record(List<ContactJourneyStep> steps) {
        int n = 0;
        for (ContactJourneyStep s : steps) {
            String id = s.what().equals(ContactJourneyStep.FACULTY) ? s.storeId(0) : s.storeId(++n);
            store.facts().insert(id, s);
        }
    }

    /** The journey of one contact, oldest first. */
    static List<ContactJourneyStep> journey(Store store, String contactId) {
        List<ContactJourneyStep> out = new ArrayList<>();
        String after = null;
        while (true) {
            var page = store.facts().list(ContactJourneyStep.class, ContactJourneyStep.prefix(contactId), after, 500);
            page.forEach(f -> out.add(f.value()));
            if (page.size() < 500) return out;
            after = page.get(page.size() - 1).id();
        }
    }
}
