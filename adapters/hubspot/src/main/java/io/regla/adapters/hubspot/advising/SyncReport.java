package io.regla.adapters.hubspot.advising;

import io.regla.api.action.Alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one {@code regla advising sync} did.
 *
 * @param deals          deals read since the cursor
 * @param ownerChanges   owner PATCHes made (deals and contacts)
 * @param emailsQueued   new enrolment e-mails in the outbox (a re-run queues none)
 * @param emailsSent     e-mails HubSpot accepted in this run's dispatch
 * @param noticesQueued  new notices in the outbox (one per channel: e-mail, task)
 * @param noticesCreated notices delivered in this run's dispatch (tasks created, notice e-mails accepted)
 * @param alerts         alerts the rules raised
 * @param routedPerOwner deals whose owner is now the route's advisor, per owner id
 * @param cursorFrom     where the run started
 * @param cursorTo       where the next run starts
 * @param facultyChanges contacts whose faculty change was handled (webhook or poller)
 */
public record SyncReport(int deals, int ownerChanges, int emailsQueued, int emailsSent, int noticesQueued,
                         int noticesCreated, List<Alert> alerts, Map<String, Integer> routedPerOwner,
                         Instant cursorFrom, Instant cursorTo, int facultyChanges) {

    public SyncReport {
        alerts = List.copyOf(alerts);
        routedPerOwner = Map.copyOf(routedPerOwner);
    }

    public SyncReport(int deals, int ownerChanges, int emailsQueued, int emailsSent, int noticesQueued,
                      int noticesCreated, List<Alert> alerts, Map<String, Integer> routedPerOwner,
                      Instant cursorFrom, Instant cursorTo) {
        this(deals, ownerChanges, emailsQueued, emailsSent, noticesQueued, noticesCreated, alerts, routedPerOwner,
                cursorFrom, cursorTo, 0);
    }

    /** This run's deal part with the faculty-change part added (the deals' cursor stays this report's). */
    public SyncReport plus(SyncReport changes) {
        List<Alert> all = new ArrayList<>(alerts);
        all.addAll(changes.alerts());
        return new SyncReport(deals, ownerChanges + changes.ownerChanges(), emailsQueued + changes.emailsQueued(),
                emailsSent + changes.emailsSent(), noticesQueued + changes.noticesQueued(),
                noticesCreated + changes.noticesCreated(), all, routedPerOwner, cursorFrom, cursorTo,
                facultyChanges + changes.facultyChanges());
    }
}
