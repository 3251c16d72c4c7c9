package io.regla.rules.service.importing;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RulesEngine;
import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.Finding;
import io.regla.rules.quality.QualityCheck;
import io.regla.rules.quality.contract.Contract;
import io.regla.rules.quality.contract.Contracts;
import io.regla.rules.quality.contract.Field;
import io.regla.rules.quality.contract.FieldType;
import io.regla.rules.quality.contract.Source;
import io.regla.rules.quality.source.RowReader;
import io.regla.rules.quality.source.Sources;
import io.regla.rules.service.Conversation;
import io.regla.rules.service.CustomerStatus;
import io.regla.rules.service.Successful;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code regla service import}: checks conversations.csv and sales.csv with the bundled contracts
 * (service/contracts/: UUIDs, enums, ISO datetimes with offset, unique ids, sales of unknown conversations) and the
 * bundled {@code quality} rule set (SALE_AMOUNT_MISMATCH, CLOSED_BEFORE_STARTED), imports every record without an
 * ERROR finding (idempotent by id), then has the {@code service} rule set classify the conversations the import
 * touched and lets the store rebuild its per-day aggregates.
 * A sale whose conversation is not in the file but already in the store is not an orphan; a sale of a conversation
 * this import rejected (and the store does not hold) is rejected as CONVERSATION_REJECTED.
 */
public final class ServiceImport {

    public static final String CONVERSATION_REJECTED = "CONVERSATION_REJECTED";
    private static final String ORPHAN_REFERENCE = "ORPHAN_REFERENCE";
    static final String CONVERSATIONS = "conversations";
    static final String SALES = "sales";
    private static final int BATCH = 1_000;

    private final RulesEngine engine;
    private final ServiceRepository repository;
    private final Clock clock;

    /** {@code engine} must hold the {@code quality} and {@code service} rule sets (the bundled ones). */
    public ServiceImport(RulesEngine engine, ServiceRepository repository, Clock clock) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.repository = Objects.requireNonNull(repository, "repository");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Imports both files.
     *
     * @throws io.regla.rules.quality.contract.ContractException when a file is missing, lacks a column or is not CSV
     *                                                          (nothing is imported then)
     */
    public ImportReport run(Path conversations, Path sales) {
        Instant at = clock.instant();
        Contracts contracts = contracts(conversations, sales);
        Map<String, Map<Long, List<Finding>>> errors = new HashMap<>();
        CheckResult check = QualityCheck.builder(contracts).sources(snakeColumns()).rules(engine, List.of("quality"))
                .at(at).build().run();
        for (Finding f : check.findings()) {
            if (Finding.WARNING.equals(f.severity())) continue;
            errors.computeIfAbsent(f.dataset(), d -> new HashMap<>())
                    .computeIfAbsent(f.record(), r -> new ArrayList<>()).add(f);
        }
        List<Rejection> rejections = new ArrayList<>();
        Set<String> rejectedConversations = new HashSet<>();
        long[] conv = importConversations(contracts.get(CONVERSATIONS), conversations,
                errors.getOrDefault(CONVERSATIONS, Map.of()), rejections, rejectedConversations);
        long[] sal = importSales(contracts.get(SALES), sales, errors.getOrDefault(SALES, Map.of()), rejections,
                rejectedConversations);
        long classified = classifyPending(at);
        return new ImportReport(conv[0], conv[1], sal[0], sal[1], classified, rejections);
    }

    private long[] importConversations(Contract c, Path file, Map<Long, List<Finding>> errors, List<Rejection> rejections,
                                       Set<String> rejected) {
        long read = 0;
        long imported = 0;
        List<ConversationRecord> batch = new ArrayList<>(BATCH);
        List<String> fields = List.copyOf(c.fields().keySet());
        try (ServiceCsv csv = new ServiceCsv(file, fields)) {
            String[] v;
            while ((v = csv.next()) != null) {
                read++;
                List<Finding> fs = errors.get(csv.record());
                if (fs != null) {
                    String id = v[0];
                    if (id != null) rejected.add(id);
                    fs.forEach(f -> rejections.add(rejection(file, csv.line(), id, f)));
                    continue;
                }
                Typed t = new Typed(c, fields, v);
                batch.add(new ConversationRecord(t.text("conversationId"), t.text("customerId"), t.text("customerName"),
                        t.instant("startedAt"), t.instant("closedAt"), t.text("status"), t.text("channel"),
                        t.text("agentId"), t.text("agentName"), t.seconds("firstResponseSeconds"),
                        t.seconds("resolutionSeconds"), t.text("result"), t.text("customerStatusAfter"),
                        t.text("agentComments")));
                if (batch.size() == BATCH) {
                    repository.upsertConversations(batch);
                    imported += batch.size();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) repository.upsertConversations(batch);
        imported += batch.size();
        return new long[]{read, imported};
    }

    private long[] importSales(Contract c, Path file, Map<Long, List<Finding>> errors, List<Rejection> rejections,
                               Set<String> rejectedConversations) {
        long read = 0;
        long imported = 0;
        List<String> fields = List.copyOf(c.fields().keySet());
        List<Pending> pending = new ArrayList<>(BATCH);
        try (ServiceCsv csv = new ServiceCsv(file, fields)) {
            String[] v;
            while ((v = csv.next()) != null) {
                read++;
                pending.add(new Pending(csv.line(), v, errors.getOrDefault(csv.record(), List.of())));
                if (pending.size() == BATCH) {
                    imported += flushSales(c, fields, file, pending, rejections, rejectedConversations);
                    pending.clear();
                }
            }
        }
        imported += flushSales(c, fields, file, pending, rejections, rejectedConversations);
        return new long[]{read, imported};
    }

    private record Pending(long line, String[] values, List<Finding> findings) {
    }

    /** Decides each pending sale (an orphan of the file may be a conversation the store holds) and stores the rest. */
    private int flushSales(Contract c, List<String> fields, Path file, List<Pending> pending, List<Rejection> rejections,
                           Set<String> rejectedConversations) {
        int conversationField = fields.indexOf("conversationId");
        Set<String> asked = new HashSet<>();
        for (Pending p : pending) {
            String conversation = p.values[conversationField];
            boolean orphan = p.findings.stream().anyMatch(f -> f.check().equals(ORPHAN_REFERENCE));
            if (conversation != null && (orphan || p.findings.isEmpty() && rejectedConversations.contains(conversation))) {
                asked.add(conversation);
            }
        }
        Set<String> stored = asked.isEmpty() ? Set.of() : repository.existingConversations(asked);
        List<SaleRecord> batch = new ArrayList<>(pending.size());
        for (Pending p : pending) {
            String id = p.values[0];
            String conversation = p.values[conversationField];
            boolean known = conversation != null && stored.contains(conversation);
            if (!p.findings.isEmpty() && !(onlyOrphan(p.findings) && known)) {
                // a conversation the store holds is no orphan: the record is rejected for its other findings only
                p.findings.stream().filter(f -> !(known && f.check().equals(ORPHAN_REFERENCE)))
                        .forEach(f -> rejections.add(rejection(file, p.line, id, f)));
                continue;
            }
            if (p.findings.isEmpty() && rejectedConversations.contains(conversation) && !known) {
                rejections.add(new Rejection(file.getFileName().toString(), p.line, id, "conversation_id",
                        CONVERSATION_REJECTED, "la conversación " + conversation + " de esta venta fue rechazada"));
                continue;
            }
            Typed t = new Typed(c, fields, p.values);
            batch.add(new SaleRecord(id, t.text("productId"), t.text("productName"), conversation,
                    t.decimal("quantity"), t.decimal("unitPrice"), t.decimal("amount")));
        }
        if (!batch.isEmpty()) repository.upsertSales(batch);
        return batch.size();
    }

    private static boolean onlyOrphan(List<Finding> findings) {
        return !findings.isEmpty() && findings.stream().allMatch(f -> f.check().equals(ORPHAN_REFERENCE));
    }

    /**
     * Classifies every unclassified conversation with the {@code service} rule set, a batch per decision, then has
     * the store rebuild the aggregates of the days touched. Returns how many were classified.
     */
    public long classifyPending(Instant at) {
        long n = 0;
        Set<String> previous = Set.of();
        List<Conversation> facts;
        while (!(facts = repository.unclassified(BATCH)).isEmpty()) {
            Set<String> ids = new HashSet<>();
            facts.forEach(f -> ids.add(f.id()));
            if (ids.equals(previous)) throw new IllegalStateException("the store hands back the same conversations after classifying them");
            previous = ids;
            repository.saveClassification(classify(engine, facts, at));
            n += facts.size();
        }
        repository.refreshAggregates();
        return n;
    }

    /** The {@code service} rule set's verdicts on conversations (one per conversation, in input order). */
    public static List<Classification> classify(RulesEngine engine, List<Conversation> facts, Instant at) {
        Decision d = engine.decide("service", facts, DecideOptions.at(at));
        Set<String> successful = new HashSet<>();
        d.actions(Successful.class).forEach(s -> successful.add(s.conversationId()));
        Map<String, CustomerStatus> status = new HashMap<>();
        for (CustomerStatus s : d.actions(CustomerStatus.class)) status.merge(s.conversationId(), s, (a, b) -> a.rank() >= b.rank() ? a : b);
        List<Classification> out = new ArrayList<>(facts.size());
        for (Conversation c : facts) {
            CustomerStatus s = status.get(c.id());
            out.add(new Classification(c.id(), successful.contains(c.id()), s == null ? null : s.status(), s == null ? 0 : s.rank()));
        }
        return out;
    }

    private static Rejection rejection(Path file, long line, String key, Finding f) {
        String column = String.join(",", java.util.Arrays.stream(f.field().split(",")).map(ServiceCsv::column).toList());
        return new Rejection(file.getFileName().toString(), line, key, column, f.check(), f.message());
    }

    /** The bundled contracts, each reading its file wherever the command line put it. */
    private static Contracts contracts(Path conversations, Path sales) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("regla-service-contracts");
            for (String name : List.of(CONVERSATIONS, SALES)) {
                try (InputStream in = ServiceImport.class.getClassLoader()
                        .getResourceAsStream("service/contracts/" + name + Contracts.SUFFIX)) {
                    if (in == null) throw new IllegalStateException("bundled contract " + name + Contracts.SUFFIX + " is missing");
                    Files.copy(in, dir.resolve(name + Contracts.SUFFIX));
                }
            }
            Contracts loaded = Contracts.load(dir);
            Map<String, Contract> byName = new LinkedHashMap<>();
            for (Contract c : loaded.byName().values()) {
                Path file = (c.dataset().equals(CONVERSATIONS) ? conversations : sales).toAbsolutePath();
                byName.put(c.dataset(), new Contract(c.dataset(), c.file(), Source.csv(file.toString()), c.key(),
                        c.fields(), c.severity(), c.timeZone()));
            }
            return new Contracts(dir, byName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (dir != null) {
                for (String name : List.of(CONVERSATIONS, SALES)) dir.resolve(name + Contracts.SUFFIX).toFile().delete();
                dir.toFile().delete();
            }
        }
    }

    /** The contracts' sources (absolute CSV paths), with each camelCase field read from its snake_case column. */
    private static Sources snakeColumns() {
        Sources base = Sources.asContracted(Path.of("."));
        return new Sources() {
            @Override
            public RowReader open(Contract contract, List<String> fields) {
                return base.open(contract, fields.stream().map(ServiceCsv::column).toList());
            }

            @Override
            public String describe() {
                return base.describe();
            }
        };
    }

    /** A valid record's values, typed as its contract says (the check has accepted them already). */
    private record Typed(Contract c, List<String> fields, String[] values) {
        private Object value(String field) {
            String text = values[fields.indexOf(field)];
            if (text == null) return null;
            Field f = c.fields().get(field);
            Object v = f.type().parse(text, c.timeZone());
            return v == FieldType.INVALID ? null : v;
        }

        String text(String field) {
            return (String) value(field);
        }

        Instant instant(String field) {
            return (Instant) value(field);
        }

        /**
         * Seconds: a whole number, or a decimal one rounded half up ("3600.0", as spreadsheets and data-frame tools
         * write a numeric column with blanks; "12.5" is 13).
         */
        Long seconds(String field) {
            Object v = value(field);
            if (v instanceof BigDecimal d) return d.setScale(0, java.math.RoundingMode.HALF_UP).min(BigDecimal.valueOf(Long.MAX_VALUE)).longValue();
            return (Long) v;
        }

        BigDecimal decimal(String field) {
            return (BigDecimal) value(field);
        }
    }
}
