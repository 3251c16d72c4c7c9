package io.regla.rules.loyalty.migration;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * During the migration: each file streamed in batches. A batch's rows pass the single-record checks, then
 * the checks across records (one lookup per batch: members of transactions and redemptions, transactions of
 * refunds, ids already migrated), and the batch's accepted rows, its rejects and the file's checkpoint are
 * committed together. A killed run resumes after the last committed batch; a finished file is skipped, so a
 * second run changes nothing. Control totals per batch: rows in = migrated + rejected, or the run stops.
 *
 * <p>Before its first commit in a run the loader lets the store drop the indexes its checks do not read
 * ({@link MigrationStore#deferLoadIndexes()}); {@link CrmMigration} has them built once every file is loaded
 * ({@link MigrationStore#restoreLoadIndexes()}), so the cost of an insert does not depend on the export's row order.
 *
 * <p>Whether a row's member is migrated is answered from memory ({@link CompactIdSet}): on a time-ordered export each batch
 * names members spread over all of them, and asking the store per batch was most of the load at 3 M members (a random read
 * of the members' key per row once it outgrew H2's page cache). The ids are read from the store once per run and added as
 * members.csv's batches commit, and {@link #release() released} when the load ends, before the replay.
 */
final class ExportLoader {

    private final MigrationStore store;
    private final RowParser parser;
    private final int batchSize;
    private final Consumer<String> log;
    /** Whether this run has asked the store to drop the indexes the load does not read ({@link MigrationStore#deferLoadIndexes()}). */
    private boolean deferred;
    /**
     * The migrated members' ids, for the checks of every row's member and of members.csv's repeated ids: read from the store
     * once when this run first needs them (what earlier or killed runs committed: never carried over from a run that died),
     * then each members.csv batch's accepted ids added once its commit returned. Null until then and after {@link #release()}.
     */
    private CompactIdSet members;

    ExportLoader(MigrationStore store, RowParser parser, int batchSize, Consumer<String> log) {
        this.store = store;
        this.parser = parser;
        this.batchSize = batchSize;
        this.log = log;
    }

    static String stage(LegacyFile file) {
        return "load:" + file.key();
    }

    /** Loads a file from its checkpoint on; returns the sum of the amounts of its rejected rows (a control total). */
    BigDecimal load(Path dir, LegacyFile file) {
        String stage = stage(file);
        MigrationStore.Checkpoint cp = store.checkpoint(stage);
        long done = cp == null ? 0 : cp.position();
        BigDecimal rejectedSum = cp == null || cp.state() == null ? BigDecimal.ZERO : new BigDecimal(cp.state());
        try (BufferedReader r = ExportFiles.open(dir, file)) {
            long line = 0;
            List<String> texts = new ArrayList<>(batchSize);
            List<Long> lines = new ArrayList<>(batchSize);
            for (String text = r.readLine(); text != null; text = r.readLine()) {
                if (text.isEmpty()) continue;
                line++;
                if (line <= done) continue;
                texts.add(text);
                lines.add(line);
                if (texts.size() == batchSize) {
                    rejectedSum = batch(file, lines, texts, rejectedSum);
                    texts.clear();
                    lines.clear();
                }
            }
            if (!texts.isEmpty()) rejectedSum = batch(file, lines, texts, rejectedSum);
            if (file == LegacyFile.MEMBERS && members != null) members.trim(); // no member is added after members.csv
            return rejectedSum;
        } catch (IOException e) {
            throw new UnreadableExportException(dir.resolve(file.fileName()) + ": " + e.getMessage(), e);
        }
    }

    private BigDecimal batch(LegacyFile file, List<Long> lines, List<String> texts, BigDecimal rejectedSum) {
        List<LegacyRows.Row> parsed = new ArrayList<>(texts.size());
        List<LegacyRows.Reject> rejects = new ArrayList<>();
        Map<Long, String> textOf = new HashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            long line = lines.get(i);
            textOf.put(line, texts.get(i));
            try {
                parsed.add((LegacyRows.Row) parser.parse(file, line, texts.get(i)));
            } catch (RowParser.Refused e) {
                rejects.add(new LegacyRows.Reject(file, line, firstField(texts.get(i)), e.check, e.getMessage()));
            }
        }
        List<LegacyRows.Row> accepted = new ArrayList<>(parsed.size());
        switch (file) {
            case MEMBERS -> accepted.addAll(parsed);
            case TRANSACTIONS -> memberReferences(file, parsed, accepted, rejects, r -> ((LegacyRows.Transaction) r).memberId());
            case REDEMPTIONS -> memberReferences(file, parsed, accepted, rejects, r -> ((LegacyRows.Redemption) r).memberId());
            case REFUNDS -> accepted.addAll(parsed);
        }
        accepted = duplicates(file, accepted, rejects);
        if (file == LegacyFile.REFUNDS) accepted = refunds(accepted, rejects);
        if (accepted.size() + rejects.size() != texts.size()) {
            throw new IllegalStateException(file.fileName() + " lines " + lines.get(0) + "-" + lines.get(lines.size() - 1) + ": "
                    + texts.size() + " rows in, " + accepted.size() + " migrated + " + rejects.size() + " rejected");
        }
        for (LegacyRows.Reject x : rejects) {
            BigDecimal amount = ExportProfile.amountOf(file, textOf.get(x.line()));
            if (amount != null) rejectedSum = rejectedSum.add(amount);
        }
        rejects.sort(java.util.Comparator.comparingLong(LegacyRows.Reject::line));
        if (!deferred) {
            // only once there is something to write: a second run over the same export drops nothing
            store.deferLoadIndexes();
            deferred = true;
        }
        store.commit(file, accepted, rejects, stage(file), new MigrationStore.Checkpoint(lines.get(lines.size() - 1), rejectedSum.toPlainString()));
        if (file == LegacyFile.MEMBERS) {
            CompactIdSet known = members();
            for (LegacyRows.Row r : accepted) known.add(r.id());
        }
        log.accept(file.fileName() + " lines " + lines.get(0) + "-" + lines.get(lines.size() - 1) + ": " + accepted.size()
                + " migrated, " + rejects.size() + " rejected");
        return rejectedSum;
    }

    /** {@link #members}, read from the store's members' key (one ordered scan) the first time this run asks. */
    private CompactIdSet members() {
        if (members == null) {
            long t = System.nanoTime();
            CompactIdSet read = new CompactIdSet();
            store.forEachMemberId(read::add);
            read.trim();
            members = read;
            if (read.size() > 0) {
                log.accept("members.csv: " + read.size() + " migrated member ids read into memory in " + (System.nanoTime() - t) / 1_000_000 + " ms");
            }
        }
        return members;
    }

    /**
     * Called when the load has ended (every file, or a failure): forgets the members' ids, so that the replay's heap does not
     * hold them. Logs their count and size when this run held them.
     */
    void release() {
        if (members == null) return;
        log.accept(String.format(java.util.Locale.ROOT, "members.csv: %d member ids were held in memory for the load (%.1f MB)", members.size(),
                members.retainedBytes() / 1e6));
        members = null;
    }

    private void memberReferences(LegacyFile file, List<LegacyRows.Row> rows, List<LegacyRows.Row> accepted,
                                  List<LegacyRows.Reject> rejects, java.util.function.Function<LegacyRows.Row, String> memberOf) {
        CompactIdSet known = members();
        Set<String> missing = new LinkedHashSet<>();
        for (LegacyRows.Row r : rows) {
            String m = memberOf.apply(r);
            if (!known.contains(m)) missing.add(m);
        }
        Set<String> rejectedMembers = missing.isEmpty() ? Set.of() : store.rejected(LegacyFile.MEMBERS, missing);
        for (LegacyRows.Row r : rows) {
            String m = memberOf.apply(r);
            if (!missing.contains(m)) accepted.add(r);
            else if (rejectedMembers.contains(m)) {
                rejects.add(new LegacyRows.Reject(file, r.line(), r.id(), Checks.MEMBER_REJECTED, "member " + m + " was rejected"));
            } else {
                rejects.add(new LegacyRows.Reject(file, r.line(), r.id(), Checks.ORPHAN_REFERENCE, "member " + m + " is not in members.csv"));
            }
        }
    }

    /** The first row with an id is migrated; each later one (in this batch or an earlier one) is a DUPLICATE_KEY. */
    private List<LegacyRows.Row> duplicates(LegacyFile file, List<LegacyRows.Row> rows, List<LegacyRows.Reject> rejects) {
        java.util.function.Predicate<String> before;
        if (file == LegacyFile.MEMBERS) {
            before = members()::contains; // the migrated members are the ids in memory
        } else {
            Set<String> ids = new HashSet<>();
            rows.forEach(r -> ids.add(r.id()));
            before = store.migrated(file, ids)::contains;
        }
        Set<String> seen = new HashSet<>();
        List<LegacyRows.Row> out = new ArrayList<>(rows.size());
        for (LegacyRows.Row r : rows) {
            if (before.test(r.id()) || !seen.add(r.id())) {
                rejects.add(new LegacyRows.Reject(file, r.line(), r.id(), Checks.DUPLICATE_KEY, file.header().get(0) + " " + r.id() + " repeats an earlier row"));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Refunds of unknown or rejected transactions, and refunds past what is left of their purchase (file order). */
    private List<LegacyRows.Row> refunds(List<LegacyRows.Row> rows, List<LegacyRows.Reject> rejects) {
        Set<String> txIds = new HashSet<>();
        rows.forEach(r -> txIds.add(((LegacyRows.Refund) r).transactionId()));
        Map<String, MigrationStore.TransactionRef> txs = store.transactions(txIds);
        Set<String> missing = new HashSet<>(txIds);
        missing.removeAll(txs.keySet());
        Set<String> rejectedTxs = missing.isEmpty() ? Set.of() : store.rejected(LegacyFile.TRANSACTIONS, missing);
        Map<String, BigDecimal> refunded = new HashMap<>();
        List<LegacyRows.Row> out = new ArrayList<>(rows.size());
        for (LegacyRows.Row row : rows) {
            LegacyRows.Refund f = (LegacyRows.Refund) row;
            MigrationStore.TransactionRef t = txs.get(f.transactionId());
            if (t == null) {
                boolean wasRejected = rejectedTxs.contains(f.transactionId());
                rejects.add(new LegacyRows.Reject(LegacyFile.REFUNDS, f.line(), f.id(), wasRejected ? Checks.TRANSACTION_REJECTED : Checks.ORPHAN_REFERENCE,
                        "transaction " + f.transactionId() + (wasRejected ? " was rejected" : " is not in transactions.csv")));
                continue;
            }
            BigDecimal before = refunded.computeIfAbsent(f.transactionId(), k -> t.refunded());
            if (before.add(f.amount()).compareTo(t.amount()) > 0) {
                rejects.add(new LegacyRows.Reject(LegacyFile.REFUNDS, f.line(), f.id(), Checks.REFUND_EXCEEDS_TRANSACTION,
                        "refund of " + f.amount().toPlainString() + " after " + before.toPlainString() + " already refunded passes transaction "
                                + f.transactionId() + " (" + t.amount().stripTrailingZeros().toPlainString() + ")"));
                continue;
            }
            refunded.put(f.transactionId(), before.add(f.amount()));
            out.add(new LegacyRows.Refund(f.line(), f.id(), f.transactionId(), t.memberId(), f.refundedAt(), f.amount()));
        }
        return out;
    }

    private static String firstField(String text) {
        String[] f = Csv.parse(text);
        return f == null || f.length == 0 || f[0].isBlank() ? null : f[0].trim();
    }
}
