package io.regla.adapters.http;

import io.javalin.http.Context;
import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.StoredFact;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Safe retries of a state-changing call: the first call with a key runs and its answer (success or a rule's refusal)
 * is kept; a retry with the same key and the same request gets that answer again (header
 * {@value #REPLAYED_HEADER}{@code : true}) without running anything; the same key with another request is a 422
 * {@code IDEMPOTENCY_KEY_REUSED}. While the first call runs, a retry gets 409 {@code REQUEST_IN_PROGRESS}; a call that
 * crashed half-way is taken over after {@code takeOverAfter} (the work must itself be idempotent on what it writes,
 * as the loyalty ledger's postings are). A call that failed with a server error keeps no answer, so a retry runs again.
 *
 * <p>Records are facts ({@link IdempotentRequest}) in the server's store, so two instances share them; the first
 * write of a key is the store's unique insert, never a read followed by a write.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    /** An answer to keep and replay: the status and the JSON body. */
    public record Answer(int status, String json) {
    }

    /**
     * The record of a key (stored as a fact; id {@code scope|key}).
     *
     * @param state PENDING while the first call runs, DONE with its answer
     */
    public record IdempotentRequest(String scope, String key, String fingerprint, String state, int status, String json,
                                    Instant startedAt, Instant completedAt) {
    }

    private final FactStore facts;
    private final Clock clock;
    private final Duration takeOverAfter;

    public IdempotencyKeys(FactStore facts, Clock clock, Duration takeOverAfter) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.takeOverAfter = Objects.requireNonNull(takeOverAfter, "takeOverAfter");
    }

    /** The request's key header, validated; 400 naming the header when missing or malformed. */
    public static String requiredKey(Context ctx) {
        String key = ctx.header(HEADER);
        if (key == null || key.isBlank()) {
            throw new BadRequestException(HEADER, "header " + HEADER + " is required: a unique value per operation (a UUID), "
                    + "sent again unchanged when the call is retried");
        }
        if (key.length() > 200 || !key.matches("[\\x21-\\x7e]+")) {
            throw new BadRequestException(HEADER, "header " + HEADER + " must be 1 to 200 printable ASCII characters without spaces");
        }
        return key;
    }

    /** A fingerprint of the request's meaningful parts (joined unambiguously, then SHA-256). */
    public static String fingerprint(Object... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Object p : parts) {
                byte[] b = String.valueOf(p).getBytes(StandardCharsets.UTF_8);
                sha.update((b.length + ":").getBytes(StandardCharsets.UTF_8));
                sha.update(b);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} once per (scope, key) and writes its answer, or writes the kept answer of an earlier call. */
    public void respond(Context ctx, String scope, String key, String fingerprint, Supplier<Answer> work) {
        Outcome o = run(scope, key, fingerprint, work);
        if (o.replayed()) {
            ctx.header(REPLAYED_HEADER, "true");
        }
        ctx.status(o.answer().status()).contentType("application/json").result(o.answer().json());
    }

    /** What {@link #run} gave: the answer, and whether it was kept from an earlier call. */
    public record Outcome(Answer answer, boolean replayed) {
    }

    public Outcome run(String scope, String key, String fingerprint, Supplier<Answer> work) {
        String id = scope + "|" + key;
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            IdempotentRequest pending = new IdempotentRequest(scope, key, fingerprint, "PENDING", 0, null, now, null);
            long version;
            var existing = facts.get(IdempotentRequest.class, id);
            if (existing.isEmpty()) {
                if (!facts.insert(id, pending)) {
                    continue;   // another call took the key between our read and our insert: read it again
                }
                version = facts.get(IdempotentRequest.class, id).map(StoredFact::version).orElseThrow();
            } else {
                IdempotentRequest r = existing.get().value();
                if (!r.fingerprint().equals(fingerprint)) {
                    throw new HttpError(422, "IDEMPOTENCY_KEY_REUSED", "the " + HEADER + " '" + key
                            + "' was already used for a different request: use a new key for a new operation");
                }
                if (r.state().equals("DONE")) {
                    return new Outcome(new Answer(r.status(), r.json()), true);
                }
                if (r.startedAt().plus(takeOverAfter).isAfter(now)) {
                    throw new HttpError(409, "REQUEST_IN_PROGRESS", "a call with this " + HEADER
                            + " is still running: retry in a few seconds with the same key");
                }
                try {   // the first call died half-way: take it over (the work is idempotent on what it writes)
                    version = facts.replace(id, pending, existing.get().version());
                } catch (ConcurrentUpdateException raced) {
                    continue;
                }
            }
            Answer answer;
            try {
                answer = work.get();
            } catch (HttpError e) {
                if (e.status() >= 500) {
                    facts.delete(IdempotentRequest.class, id);
                    throw e;
                }
                answer = new Answer(e.status(), json(e.body()));
            } catch (RuntimeException e) {
                facts.delete(IdempotentRequest.class, id);
                throw e;
            }
            facts.replace(id, new IdempotentRequest(scope, key, fingerprint, "DONE", answer.status(), answer.json(),
                    pending.startedAt(), clock.instant()), version);
            return new Outcome(answer, false);
        }
        throw new HttpError(409, "REQUEST_IN_PROGRESS", "a call with this " + HEADER + " is racing with this one: retry with the same key");
    }

    /** JSON text of an answer body. */
    public static String json(Object body) {
        try {
            return WebServer.JSON.writeValueAsString(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
