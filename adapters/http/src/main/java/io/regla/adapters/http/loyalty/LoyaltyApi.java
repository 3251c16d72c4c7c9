package io.regla.adapters.http.loyalty;

import io.javalin.http.Context;
import io.regla.adapters.http.BadRequestException;
import io.regla.adapters.http.HttpError;
import io.regla.adapters.http.IdempotencyKeys;
import io.regla.adapters.http.JsonBody;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.Routes;
import io.regla.adapters.http.RouteModule;
import io.regla.adapters.http.WebServer;
import io.regla.rules.loyalty.CardTransaction;
import io.regla.rules.loyalty.Member;
import io.regla.rules.loyalty.MemberStatus;
import io.regla.rules.loyalty.RedemptionRequest;
import io.regla.rules.loyalty.Refund;
import io.regla.rules.loyalty.Tier;
import io.regla.rules.loyalty.ledger.PointsBalance;
import io.regla.rules.loyalty.ledger.PointsStatement;
import io.regla.rules.loyalty.service.EventOutcome;
import io.regla.rules.loyalty.service.LoyaltyService;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The loyalty programme's HTTP API for other services (seed 002's new platform), for roles ADMIN and LOYALTY:
 * <pre>
 * POST /loyalty/members                         {"id","tier","status","enrolledOn"}        add or change a member
 * GET  /loyalty/members/{id}                    the member and its balance now
 * GET  /loyalty/members/{id}/balance[?asOf=]    the balance derived at an instant (default now)
 * GET  /loyalty/members/{id}/statement[?asOf=]  every ledger entry with the running balance
 * POST /loyalty/transactions                    {"id","memberId","amount","currency","category","channel","merchantId","at"}
 * POST /loyalty/refunds                         {"id","transactionId","amount","at"}
 * POST /loyalty/members/{id}/redemptions        {"points","rewardId","at"}   header Idempotency-Key required
 * </pre>
 * Every event is decided by the loyalty rule set version effective at its {@code at} (default: now) and posted to the
 * ledger like a batch replay would. Posting is idempotent: a transaction and a refund by their {@code id}, a redemption
 * by its {@code Idempotency-Key} (which becomes the redemption's id); a retry answers what the first call answered
 * (header {@code Idempotent-Replayed: true}), a reused id or key with a different request is 422
 * {@code IDEMPOTENCY_KEY_REUSED}. A refusal of the rules is 422 with the rule's code ({@code INSUFFICIENT_POINTS},
 * {@code UNKNOWN_MEMBER}, {@code MEMBER_NOT_ACTIVE}, {@code UNKNOWN_TRANSACTION}, {@code REFUND_EXCEEDS_TRANSACTION},
 * {@code INVALID_POINTS}) and every rejection; a refusal is kept too: to try again after a change, use a new key.
 */
final class LoyaltyApi implements RouteModule {

    private final LoyaltyService service;
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final ZoneId zone;
    private final Role[] roles;

    LoyaltyApi(LoyaltyService service, IdempotencyKeys keys, Clock clock, ZoneId zone, Role... roles) {
        this.service = service;
        this.keys = keys;
        this.clock = clock;
        this.zone = zone;
        this.roles = roles.clone();
    }

    @Override
    public void register(Routes routes) {
        routes.post("/loyalty/members", this::saveMember, roles);
        routes.get("/loyalty/members/{id}", this::member, roles);
        routes.get("/loyalty/members/{id}/balance", ctx -> ctx.json(balance(known(() -> service.balance(memberId(ctx), asOf(ctx))))), roles);
        routes.get("/loyalty/members/{id}/statement", ctx -> ctx.json(statement(known(() -> service.statement(memberId(ctx), asOf(ctx))))), roles);
        routes.post("/loyalty/transactions", this::transaction, roles);
        routes.post("/loyalty/refunds", this::refund, roles);
        routes.post("/loyalty/members/{id}/redemptions", this::redemption, roles);
    }

    private void saveMember(Context ctx) {
        JsonBody body = JsonBody.parse(WebServer.JSON, ctx.body());
        Member m = new Member(id(body.requiredText("id"), "id"), enumOf(Tier.class, body, "tier"),
                enumOf(MemberStatus.class, body, "status"), body.requiredDate("enrolledOn"));
        service.saveMember(m);
        ctx.json(Map.of("member", m));
    }

    private void member(Context ctx) {
        String id = memberId(ctx);
        Member m = service.member(id).orElse(null);
        PointsBalance b = known(() -> service.balance(id, clock.instant()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("member", m);
        out.put("balance", balance(b));
        ctx.json(out);
    }

    private void transaction(Context ctx) {
        JsonBody body = JsonBody.parse(WebServer.JSON, ctx.body());
        String at = body.optionalText("at");
        CardTransaction t = new CardTransaction(id(body.requiredText("id"), "id"), id(body.requiredText("memberId"), "memberId"),
                positive(body.requiredDecimal("amount"), "amount"), currency(body), body.requiredText("category").toUpperCase(Locale.ROOT),
                body.optionalText("channel"), body.optionalText("merchantId"), at(body));
        String fp = IdempotencyKeys.fingerprint(t.memberId(), t.amount().stripTrailingZeros().toPlainString(), t.currency(),
                t.category(), t.channel(), t.merchantId(), at);
        keys.respond(ctx, "loyalty.transaction", t.id(), fp, decided(() -> service.post(t)));
    }

    private void refund(Context ctx) {
        JsonBody body = JsonBody.parse(WebServer.JSON, ctx.body());
        String at = body.optionalText("at");
        Refund f = new Refund(id(body.requiredText("id"), "id"), id(body.requiredText("transactionId"), "transactionId"),
                positive(body.requiredDecimal("amount"), "amount"), at(body));
        String fp = IdempotencyKeys.fingerprint(f.transactionId(), f.amount().stripTrailingZeros().toPlainString(), at);
        keys.respond(ctx, "loyalty.refund", f.id(), fp, decided(() -> service.post(f)));
    }

    private void redemption(Context ctx) {
        String memberId = memberId(ctx);
        String key = IdempotencyKeys.requiredKey(ctx);
        JsonBody body = JsonBody.parse(WebServer.JSON, ctx.body());
        String at = body.optionalText("at");
        RedemptionRequest r = new RedemptionRequest(key, memberId, body.requiredLong("points"), body.requiredText("rewardId"), at(body));
        String fp = IdempotencyKeys.fingerprint(memberId, r.points(), r.rewardId(), at);
        keys.respond(ctx, "loyalty.redemption", key, fp, decided(() -> service.post(r)));
    }

    /** The event's answer: 200 with what was posted, 422 with the rules' refusal. */
    private Supplier<IdempotencyKeys.Answer> decided(Supplier<EventOutcome> post) {
        return () -> {
            EventOutcome o;
            try {
                o = post.get();
            } catch (IllegalArgumentException e) {   // before the first version's effective date
                throw new HttpError(422, "NO_RULE_SET_VERSION", e.getMessage());
            }
            if (o.status() == EventOutcome.Status.REJECTED) {
                var first = o.rejections().get(0);
                throw new HttpError(422, first.code(), first.message(), Map.of("event", o.kind(), "id", o.id(),
                        "rejections", o.rejections()));
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("event", o.kind());
            out.put("id", o.id());
            out.put("memberId", o.memberId());
            out.put("status", o.status().name());
            out.put("points", o.points());
            out.put("entries", o.entries());
            out.put("balance", o.balance() == null ? null : balance(o.balance()));
            return new IdempotencyKeys.Answer(200, IdempotencyKeys.json(out));
        };
    }

    private Map<String, Object> balance(PointsBalance b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", b.memberId());
        out.put("asOf", OffsetDateTime.ofInstant(b.asOf(), zone));
        out.put("balance", b.balance());
        out.put("available", b.available());
        out.put("pending", b.pending());
        out.put("lapsing", b.lapsing());
        out.put("expired", b.expired());
        out.put("negative", b.negative());
        return out;
    }

    private Map<String, Object> statement(PointsStatement s) {
        List<Map<String, Object>> lines = s.lines().stream().map(l -> {
            Map<String, Object> line = new LinkedHashMap<>();
            var e = l.entry();
            line.put("entryNo", e.entryNo());
            line.put("kind", e.kind());
            line.put("sourceId", e.sourceId());
            line.put("lotId", e.lotId().isEmpty() ? null : e.lotId());
            line.put("points", e.points());
            line.put("runningBalance", l.runningBalance());
            line.put("occurredAt", OffsetDateTime.ofInstant(e.occurredAt(), zone));
            line.put("note", e.note());
            return line;
        }).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("memberId", s.memberId());
        out.put("lines", lines);
        out.put("balance", balance(s.balance()));
        return out;
    }

    /** 404 for a member neither the directory nor the ledger knows. */
    private static <T> T known(Supplier<T> read) {
        try {
            return read.get();
        } catch (LoyaltyService.UnknownMemberException e) {
            throw HttpError.notFound(e.getMessage());
        }
    }

    private static String memberId(Context ctx) {
        return id(ctx.pathParam("id"), "id");
    }

    private Instant asOf(Context ctx) {
        String v = ctx.queryParam("asOf");
        if (v == null || v.isBlank()) return clock.instant();
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadRequestException("asOf", "asOf must be an ISO-8601 date-time with offset such as 2025-12-31T23:59:59-03:00; got '" + v + "'");
        }
    }

    private OffsetDateTime at(JsonBody body) {
        Instant at = body.optionalInstant("at");
        return OffsetDateTime.ofInstant(at == null ? clock.instant() : at, zone);
    }

    private static String id(String v, String field) {
        if (!v.matches("[A-Za-z0-9._:-]{1,100}")) {
            throw new BadRequestException(field, field + " must be 1 to 100 letters, digits or . _ : -; got '" + v + "'");
        }
        return v;
    }

    private static java.math.BigDecimal positive(java.math.BigDecimal v, String field) {
        if (v.signum() <= 0) throw new BadRequestException(field, field + " must be positive; got " + v.toPlainString());
        return v;
    }

    private static String currency(JsonBody body) {
        String c = body.optionalText("currency");
        if (c == null) return "ARS";
        if (!c.matches("[A-Z]{3}")) throw new BadRequestException("currency", "currency must be an ISO-4217 code such as ARS; got '" + c + "'");
        return c;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonBody body, String field) {
        String v = body.requiredText(field);
        try {
            return Enum.valueOf(type, v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(field, field + " must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + "; got '" + v + "'");
        }
    }
}
