package io.regla.adapters.mailchimp.audience;

import com.fasterxml.jackson.databind.JsonNode;
import io.regla.adapters.mailchimp.marketing.MailchimpMarketingClient;
import io.regla.adapters.mailchimp.sync.Pages;
import io.regla.adapters.mailchimp.sync.PatientReader;
import io.regla.api.PersonalData;
import io.regla.api.spi.FactWrite;
import io.regla.api.spi.PutAllResult;
import io.regla.api.spi.Store;
import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.EmailAddresses;
import io.regla.rules.mailing.MailingContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a Mailchimp audience into {@link MailingContact} facts, so the mailing rules suppress what Mailchimp knows:
 * CLEANED (hard bounces) gets no mail, UNSUBSCRIBED (and archived) no survey.
 *
 * <p>{@code GET /lists/{list_id}/members} in pages of {@code count} by {@code offset}, newest change first
 * ({@code sort_field=last_changed&sort_dir=DESC}): a member that changes while the round pages moves to the front,
 * which only shifts the members not read yet towards the end (one may be read twice, none is skipped), and its new
 * change is newer than anything this round saw, so the next round reads it. (Oldest first would shift the unread
 * members towards the start and skip one at a page boundary.) Only a member deleted or archived during a round can
 * make one unread member slip past; {@code --full} reads everyone. Every status is read: subscribed, unsubscribed,
 * cleaned, pending (transactional too) without a status filter, then in a second pass {@code status=archived} (Mailchimp
 * lists archived members only when asked), read as UNSUBSCRIBED. A page ends the pass when it is empty or reaches
 * {@code total_items} (without it: when shorter than asked for). A member deleted permanently is listed no more: the
 * store keeps its last status. Each page is written in one store batch under the normalised address (the id the SQL import and the daily
 * run use), overwriting what the store had: Mailchimp is the truth for the addresses it holds. After the last page
 * the cursor {@code mailchimp.audience.<list>.since} keeps the newest {@code last_changed} seen less one second
 * (changes in the same second after the read are read again, never lost); the next round asks only for members
 * changed since. A round that fails leaves the cursor where it was.
 */
public final class AudienceSync {

    private static final Logger log = LoggerFactory.getLogger(AudienceSync.class);
    private static final String FIELDS = "members.email_address,members.status,members.last_changed,total_items";
    /** The passes of a round: no status filter (all but archived), then the archived members. */
    private static final List<String> PASSES = java.util.Arrays.asList(null, "archived");

    private final Store store;
    private final PatientReader reader;
    private final String listId;
    private final int pageSize;

    public AudienceSync(Store store, PatientReader reader, String listId, int pageSize) {
        this.store = Objects.requireNonNull(store, "store");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.listId = MailchimpMarketingClient.pathId("list_id", listId);
        if (pageSize < 1 || pageSize > 1000) {
            throw new IllegalArgumentException("page size must be 1..1000 (Mailchimp's maximum count), was " + pageSize);
        }
        this.pageSize = pageSize;
    }

    public AudienceSync(Store store, MailchimpMarketingClient client, String listId) {
        this(store, new PatientReader(client), listId, 1000);
    }

    /** The cursor's name for an audience. */
    public static String cursorName(String listId) {
        return "mailchimp.audience." + listId + ".since";
    }

    /** The members changed since the last round (all of them the first time). */
    public AudienceSyncReport run() {
        return run(false);
    }

    /** @param full read every member, whatever the cursor says (the cursor still moves on) */
    public AudienceSyncReport run(boolean full) {
        Optional<Instant> since = full ? Optional.empty() : store.cursors().get(cursorName(listId)).map(Instant::parse);
        Round round = new Round();
        // Mailchimp lists every status but archived when no status is asked for; archived members only when asked.
        for (String status : PASSES) {
            read(round, since.orElse(null), status);
        }
        Instant cursor = since.orElse(null);
        if (round.newest != null) {
            Instant next = round.newest.minusSeconds(1);
            cursor = cursor == null || next.isAfter(cursor) ? next : cursor;
            store.cursors().put(cursorName(listId), cursor.toString());
        }
        Map<ContactStatus, Integer> byStatus = new EnumMap<>(ContactStatus.class);
        round.written.values().forEach(s -> byStatus.merge(s, 1, Integer::sum));
        AudienceSyncReport report = new AudienceSyncReport(listId, since.orElse(null), round.pages,
                round.written.size() + round.rejected.size(), byStatus, round.inserted, round.updated, round.unchanged,
                round.rejected, cursor);
        log.info("{}", report.summary());
        return report;
    }

    /** What a round has read so far, over its passes. */
    private static final class Round {
        final Map<String, ContactStatus> written = new LinkedHashMap<>();
        final List<String> rejected = new ArrayList<>();
        int pages;
        int inserted;
        int updated;
        int unchanged;
        Instant newest;
    }

    /** One pass over the members (of one status, or all but archived when {@code status} is null), page by page. */
    private void read(Round round, Instant since, String status) {
        for (int offset = 0; ; ) {
            JsonNode page = reader.read("read audience members", query(since, offset, status));
            round.pages++;
            JsonNode list = page.path("members");
            List<FactWrite> writes = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode m = list.get(i);
                try {
                    Member member = Member.parse(m);
                    String id = EmailAddresses.normalize(member.email);
                    if (member.lastChanged != null && (round.newest == null || member.lastChanged.isAfter(round.newest))) {
                        round.newest = member.lastChanged;
                    }
                    // read twice in one round (by both passes, or moved by a change while paging): written once per status
                    if (round.written.get(id) != member.status) {
                        round.written.put(id, member.status);
                        writes.add(new FactWrite(id, new MailingContact(member.email, member.status)));
                    }
                } catch (IllegalArgumentException | DateTimeException e) {
                    String why = "member at offset " + (offset + i) + (status == null ? "" : " of the " + status + " ones") + " ("
                            + PersonalData.maskEmail(m.path("email_address").asText("?")) + "): " + PersonalData.maskEmailsIn(e.getMessage());
                    round.rejected.add(why);
                    log.warn("audience {}: {}", listId, why);
                }
            }
            if (!writes.isEmpty()) {
                PutAllResult r = store.facts().putAll(writes);
                round.inserted += r.inserted();
                round.updated += r.updated();
                round.unchanged += r.unchanged();
            }
            offset += list.size();
            if (Pages.last(page, list.size(), offset, pageSize)) {
                break;
            }
        }
    }

    private String query(Instant since, int offset, String status) {
        StringBuilder q = new StringBuilder("/lists/").append(listId).append("/members?count=").append(pageSize)
                .append("&offset=").append(offset).append("&sort_field=last_changed&sort_dir=DESC&fields=")
                .append(URLEncoder.encode(FIELDS, StandardCharsets.UTF_8));
        if (status != null) {
            q.append("&status=").append(status);
        }
        if (since != null) {
            String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(since.atOffset(ZoneOffset.UTC));
            q.append("&since_last_changed=").append(URLEncoder.encode(iso, StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    private record Member(String email, ContactStatus status, Instant lastChanged) {
        static Member parse(JsonNode m) {
            String email = m.path("email_address").asText(null);
            if (email == null || email.isBlank()) {
                throw new IllegalArgumentException("email_address is missing");
            }
            // Mailchimp's statuses, archived read as unsubscribed (see the adapter's ContactStatus).
            io.regla.adapters.mailchimp.marketing.ContactStatus wire =
                    io.regla.adapters.mailchimp.marketing.ContactStatus.fromWire(m.path("status").asText(null));
            String changed = m.path("last_changed").asText(null);
            Instant lastChanged = changed == null || changed.isBlank() ? null : OffsetDateTime.parse(changed).toInstant();
            return new Member(email.trim(), ContactStatus.valueOf(wire.name()), lastChanged);
        }
    }
}
