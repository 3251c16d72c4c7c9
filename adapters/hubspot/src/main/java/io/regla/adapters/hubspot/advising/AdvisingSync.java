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
import io.regla.rules.advising.Notices;
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
 *
 * <p><b>Retry policy.</b> The HubSpot client makes one attempt per call and never sleeps. A retryable failure
 * (429 with its retry-after, 5xx, no answer) while reading or updating owners ends the run with that
 * {@link io.regla.adapters.hubspot.HubSpotException}: the cursor is not moved, and the next run reads the same
 * deals again, re-decides and re-applies them idempotently (owner updates are set-to-value, e-mails and notices are
 * keyed in the outbox). That next run is the retry; {@code regla advising sync} says when it may come. E-mails and
 * notices are retried by the outbox ({@link OutboxDispatcher} and its {@code RetryPolicy}), not here. A permanent
 * refusal of an owner update becomes an alert so one bad record cannot hold the cursor back for ever.
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
    private final NoticeChannel noticeChannel;
    private final EmailOutbox noticeEmails;
    private final OutboxDispatcher noticeEmailDispatcher;
    private final FacultyChanges facultyChanges;

    /** Notices as HubSpot tasks (the first cut's behaviour); see the other constructor for e-mail notices. */
    public AdvisingSync(RulesEngine engine, HubSpotCrm crm, Mailer mailer, Store store, Clock clock, Properties props) {
        this(engine, crm, mailer, store, clock, props, NoticeChannel.TASK);
    }

    /**
     * @param mailer        sends the enrolment e-mail and, when {@code noticeChannel} includes e-mail, the notices
     *                      (template {@link Notices#EMAIL_TEMPLATE}, to the owner's CRM e-mail)
     * @param noticeChannel how notices reach the owner
     */
    public AdvisingSync(RulesEngine engine, HubSpotCrm crm, Mailer mailer, Store store, Clock clock, Properties props,
                        NoticeChannel noticeChannel) {
        this.noticeChannel = Objects.requireNonNull(noticeChannel, "noticeChannel");
        this.noticeEmails = new EmailOutbox(store.outbox(), clock, NOTICE_EMAIL_CHANNEL);
        this.noticeEmailDispatcher = EmailDispatcher.builder(store.outbox(), mailer).channel(NOTICE_EMAIL_CHANNEL).clock(clock).build();
        this.decisions = new AdvisingDecisions(engine);
        this.crm = crm;
        this.store = store;
        this.clock = clock;
        this.props = props;
        this.emails = new EmailOutbox(store.outbox(), clock);
        this.emailDispatcher = EmailDispatcher.builder(store.outbox(), mailer).clock(clock).build();
        this.notices = new TaskNotices(store.outbox(), crm, clock);
        this.taskDispatcher = OutboxDispatcher.builder(store.outbox(), TaskNotices.CHANNEL, notices).clock(clock).build();
        this.facultyChanges = new FacultyChanges(this, decisions, crm, store, clock, props);
    }

    /** The outbox channel of notices sent as e-mail (their own dispatch, so the report counts them apart). */
    public static final String NOTICE_EMAIL_CHANNEL = "email-notice";

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
        // Contacts whose faculty changed since the last run (the webhook may have handled them already: idempotent).
        return report.plus(facultyChanges.poll(Objects.requireNonNull(firstSince, "firstSince")));
    }

    /**
     * The webhook subscription {@code contact.propertyChange} on the faculty property: the contacts and their open
     * deals move to the new faculty's advisor (see {@link FacultyChanges}); the poller's cursors are left alone.
     */
    public SyncReport processFacultyChanges(List<io.regla.rules.advising.FacultyChange> changes) {
        return facultyChanges.process(changes);
    }

    /** A contact's journey: who changed its faculty, and the owner moves that followed, oldest first. */
    public List<io.regla.rules.advising.ContactJourneyStep> journey(String contactId) {
        return FacultyChanges.journey(store, contactId);
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
        List<HubSpotOwner> owners = crm.owners();
        List<Advisor> advisors = advisors(owners);
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
                noticesQueued += notify(decision.actions(NotifyInternal.class), owners, alerts);
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
        return new SyncReport(deals.size(), ownerChanges, emailsQueued, sent.sent(), noticesQueued, dispatchNotices(),
                alerts, routed, since == null ? cursor : since, cursor);
    }

    static List<Advisor> advisors(List<HubSpotOwner> owners) {
        List<Advisor> advisors = new ArrayList<>();
        for (HubSpotOwner o : owners) {
            if (!o.archived() && o.email() != null) advisors.add(new Advisor(o.id(), o.name(), o.email()));
        }
        return advisors;
    }

    /** Notices created in HubSpot or accepted by the mailer in this dispatch. */
    int dispatchNotices() {
        int created = 0;
        // Tasks in every mode: an e-mail notice whose owner has no address falls back to a task.
        created += taskDispatcher.dispatchDue().sent();
        if (noticeChannel.emails()) created += noticeEmailDispatcher.dispatchDue().sent();
        return created;
    }

    /**
     * Puts notices in the outbox as the channel says. An e-mail goes to the owner's address in HubSpot's owner list;
     * an owner without one (left the portal, an id HubSpot does not list) gets the notice as a task instead, with an
     * alert, so a notice is never lost for want of an address.
     *
     * @return notices newly queued (one per channel used)
     */
    int notify(List<NotifyInternal> decided, List<HubSpotOwner> owners, List<Alert> alerts) {
        int queued = 0;
        for (NotifyInternal n : decided) {
            boolean task = noticeChannel.tasks();
            if (noticeChannel.emails()) {
                HubSpotOwner owner = owners.stream().filter(o -> o.id().equals(n.toOwnerId()) && !o.archived()
                        && o.email() != null && !o.email().isBlank()).findFirst().orElse(null);
                if (owner == null) {
                    // No subject in the text: it holds the deal's name, which the log must not show.
                    alerts.add(new Alert("AVISO_SIN_CORREO", n.dealId(), "el propietario " + n.toOwnerId()
                            + " no tiene correo en HubSpot; el aviso del negocio " + n.dealId() + " va como tarea"));
                    task = true;
                } else {
                    Map<String, String> fields = new java.util.LinkedHashMap<>();
                    fields.put("subject", n.subject());
                    fields.put("body", n.body());
                    fields.put("dealId", n.dealId());
                    if (owner.name() != null) fields.put("ownerName", owner.name());
                    if (noticeEmails.enqueue(new SendEmail(Notices.EMAIL_TEMPLATE, owner.email(), n.dealId(),
                            Notices.emailKey(n.dealId(), n.subject()), fields))) queued++;
                }
            }
            if (task && notices.enqueue(n)) queued++;
        }
        return queued;
    }

    /**
     * A refusal HubSpot will repeat (VALIDATION_ERROR: an owner id it does not accept) becomes an alert, so one bad
     * record cannot hold the cursor back for ever; a retryable failure ends the run and the next one starts over.
     */
    int setOwners(HubSpotCrm.ObjectType type, Map<String, String> owners, List<Alert> alerts) {
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
