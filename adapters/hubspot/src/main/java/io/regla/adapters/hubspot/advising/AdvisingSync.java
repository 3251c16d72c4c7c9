package io.regla.adapters.hubspot.advising;

import io.regla.adapters.hubspot.crm.CrmObject;
import io.regla.adapters.hubspot.crm.HubSpotCrm;
import io.regla.adapters.hubspot.crm.HubSpotOwner;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.api.action.Alert;
import io.regla.api.action.NotifyInternal;
import io.regla.api.action.SendEmail;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.Store;
import io.regla.core.outbox.DispatchReport;
import io.regla.core.outbox.EmailDispatcher;
import io.regla.core.outbox.OutboxDispatcher;
import io.regla.core.outbox.EmailOutbox;
import io.regla.rules.advising.AdvisingDecisions;
import io.regla.rules.advising.AdvisingDecisions.DealRouting;
import io.regla.rules.advising.Advisor;
import io.regla.rules.advising.Contact;
import io.regla.rules.advising.Deal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Polls HubSpot for deals created since the last run and applies the advising domain's decisions
 * ({@link AdvisingDecisions}) to each:
 * owner PATCHes straight away (idempotent, and the rules emit none when the owner is already right), e-mails
 * and notices through the outbox (keyed, so a re-run sends nothing twice). The cursor (the last deal's
 * {@code createdate}) lives in the store's {@link io.regla.api.spi.CursorStore} and only moves forward.
 */
public final class AdvisingSync {

    public static final String RULE_SET = AdvisingDecisions.RULE_SET;
    public static final String CURSOR = "advising.hubspot.deals.createdate";
    private static final Logger LOG = LoggerFactory.getLogger(AdvisingSync.class);

    /**
     * HubSpot property names: the faculty is a custom property ({@code facultad} in the seed's portal).
     */
    public record Properties(String dealFaculty, String contactFaculty) {
        public static Properties defaults() {
            return new Properties("facultad", "facultad");
        }
    }

    private final AdvisingDecisions decisions;
    private final HubSpotCrm crm;
    private final Store store;
    private final Clock clock;
    private final Properties props;
    private final EmailOutbox emails;
    private final OutboxDispatcher emailDispatcher;
    private final TaskNotices notices;
    private final OutboxDispatcher taskDispatcher;

    public AdvisingSync(RulesEngine engine, HubSpotCrm crm, Mailer mailer, Store store, Clock clock, Properties props) {
        this.decisions = new AdvisingDecisions(engine);
        this.crm = crm;
        this.store = store;
        this.clock = clock;
        this.props = props;
        this.emails = new EmailOutbox(store.outbox(), clock);
        this.emailDispatcher = EmailDispatcher.builder(store.outbox(), mailer).clock(clock).build();
        this.notices = new TaskNotices(store.outbox(), crm, clock);
        this.taskDispatcher = OutboxDispatcher.builder(store.outbox(), TaskNotices.CHANNEL, notices).clock(clock).build();
    }

    /**
     * One pass.
     *
     * @param firstSince where to start when no cursor is stored yet
     */
    public SyncReport run(Instant firstSince) {
        String stored = store.cursors().get(CURSOR).orElse(null);
        Instant since = stored == null ? Objects.requireNonNull(firstSince, "firstSince") : Instant.parse(stored);
        List<CrmObject> deals = crm.dealsCreatedSince(since, dealProperties());
        SyncReport report = process(deals, since);
        if (!report.cursorTo().equals(since) && !store.cursors().compareAndSet(CURSOR, stored, report.cursorTo().toString())) {
            LOG.warn("cursor {} moved by another sync meanwhile; left as that sync set it", CURSOR);
        }
        return report;
    }

    /**
     * The webhook trigger: a HubSpot workflow's webhook action names deals (see {@link WorkflowWebhook}); they are
     * read and routed like polled ones, and the cursor is left alone (the poller still passes over them, changing
     * nothing).
     */
    public SyncReport processDeals(List<String> dealIds) {
        List<CrmObject> deals = crm.readAll(HubSpotCrm.ObjectType.DEAL, dealIds, dealProperties());
        return process(deals, null);
    }

    private List<String> dealProperties() {
        return List.of("dealname", props.dealFaculty(), "hubspot_owner_id", "createdate");
    }

    private SyncReport process(List<CrmObject> deals, Instant since) {
        List<Advisor> advisors = new ArrayList<>();
        for (HubSpotOwner o : crm.owners()) {
            if (!o.archived() && o.email() != null) advisors.add(new Advisor(o.id(), o.name(), o.email()));
        }
        int ownerChanges = 0, emailsQueued = 0, noticesQueued = 0;
        List<Alert> alerts = new ArrayList<>();
        Map<String, Integer> routed = new TreeMap<>();
        Instant cursor = since == null ? Instant.EPOCH : since;
        Instant now = clock.instant();
        // A page of deals at a time: associations, contacts and owner updates in HubSpot's batch calls
        // (a private app has about 100 calls per 10 seconds; one call per deal and contact would not last).
        for (int from = 0; from < deals.size(); from += HubSpotCrm.BATCH_SIZE) {
            List<CrmObject> page = deals.subList(from, Math.min(deals.size(), from + HubSpotCrm.BATCH_SIZE));
            Map<String, List<String>> contactsOf = crm.dealContactIds(page.stream().map(CrmObject::id).toList());
            List<String> contactIds = contactsOf.values().stream().flatMap(List::stream).distinct().toList();
            Map<String, Contact> contacts = new java.util.HashMap<>();
            for (CrmObject c : crm.readAll(HubSpotCrm.ObjectType.CONTACT, contactIds,
                    List.of("email", "firstname", "lastname", props.contactFaculty(), "hubspot_owner_id"))) {
                contacts.put(c.id(), new Contact(c.id(), c.property("email"), c.property("firstname"), c.property("lastname"),
                        c.property(props.contactFaculty()), c.property("hubspot_owner_id")));
            }
            Map<String, String> dealOwners = new java.util.LinkedHashMap<>();
            Map<String, String> contactOwners = new java.util.LinkedHashMap<>();
            for (CrmObject d : page) {
                List<String> ids = contactsOf.getOrDefault(d.id(), List.of());
                Deal deal = new Deal(d.id(), d.property("dealname"), d.property(props.dealFaculty()), d.property("hubspot_owner_id"), ids);
                List<Contact> dealContacts = ids.stream().map(contacts::get).filter(Objects::nonNull).toList();
                DealRouting routing = decisions.route(deal, dealContacts, advisors, now);
                Decision decision = routing.decision();
                dealOwners.putAll(routing.dealOwners());
                contactOwners.putAll(routing.contactOwners());
                if (routing.routedTo() != null) routed.merge(routing.routedTo(), 1, Integer::sum);
                emailsQueued += emails.enqueue(decision.actions(SendEmail.class)).enqueued();
                for (NotifyInternal n : decision.actions(NotifyInternal.class)) {
                    if (notices.enqueue(n)) noticesQueued++;
                }
                for (Alert a : decision.actions(Alert.class)) {
                    LOG.warn("advising alert {} on deal {}: {}", a.code(), a.subjectId(), a.message());
                    alerts.add(a);
                }
            }
            // Owners before e-mails: the enrolment e-mail names the advisor, who should own the deal by then.
            ownerChanges += setOwners(HubSpotCrm.ObjectType.DEAL, dealOwners, alerts);
            ownerChanges += setOwners(HubSpotCrm.ObjectType.CONTACT, contactOwners, alerts);
            for (CrmObject d : page) {
                Instant created = created(d);
                if (created != null && created.isAfter(cursor)) cursor = created;
            }
        }
        DispatchReport sent = emailDispatcher.dispatchDue();
        DispatchReport tasks = taskDispatcher.dispatchDue();
        return new SyncReport(deals.size(), ownerChanges, emailsQueued, sent.sent(), noticesQueued, tasks.sent(),
                alerts, routed, since == null ? cursor : since, cursor);
    }

    /**
     * A refusal HubSpot will repeat (VALIDATION_ERROR: an owner id it does not accept) becomes an alert, so one bad
     * record cannot hold the cursor back for ever; a retryable failure ends the run and the next one starts over.
     */
    private int setOwners(HubSpotCrm.ObjectType type, Map<String, String> owners, List<Alert> alerts) {
        if (owners.isEmpty()) return 0;
        try {
            crm.setOwners(type, owners);
            return owners.size();
        } catch (io.regla.adapters.hubspot.HubSpotException e) {
            if (e.retryable()) throw e;
            LOG.warn("HubSpot refused owner updates of {} {}: {}", owners.size(), type.path(), e.getMessage());
            alerts.add(new Alert("PROPIETARIO_RECHAZADO", type + " " + String.join(",", owners.keySet()), e.getMessage()));
            return 0;
        }
    }

    private static Instant created(CrmObject d) {
        if (d.createdAt() != null) return d.createdAt();
        String p = d.property("createdate");
        try {
            return p == null ? null : Instant.parse(p);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
