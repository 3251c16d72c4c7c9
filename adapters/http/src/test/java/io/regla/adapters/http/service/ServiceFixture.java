package io.regla.adapters.http.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A small contact centre in the public CSV format of issue 12, with numbers a test can count by hand. As of
 * {@link #TODAY} (Santiago): one conversation a day for the 28 days before today (three agents in turn, WhatsApp on
 * even days, Email on odd ones; every fourth day a sale), six conversations 40 to 65 days ago (outside the default
 * 30-day window), and two three years ago (outside every chart: older than two years).
 */
public final class ServiceFixture {

    public static final ZoneId ZONE = ZoneId.of("America/Santiago");
    public static final LocalDate TODAY = LocalDate.of(2026, 3, 15);
    public static final Clock CLOCK = Clock.fixed(ZonedDateTime.of(TODAY.atTime(18, 0), ZONE).toInstant(), ZONE);
    /** Customers are "Cliente Reservado N": no page, JSON or CSV of the dashboard may show one. */
    public static final String CUSTOMER_PREFIX = "Cliente Reservado";
    static final String[][] AGENTS = {
            {id("agent", 1), "Ana Pérez"}, {id("agent", 2), "Bruno Soto"}, {id("agent", 3), "Carla Ruiz"}};

    /** Recent days (1..28 before today) with a sale: every fourth. */
    public static final int RECENT = 28;

    private ServiceFixture() {
    }

    static String id(String kind, int n) {
        return UUID.nameUUIDFromBytes((kind + "-" + n).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Writes conversations.csv and sales.csv into {@code dir}; returns the two files. */
    public static List<Path> write(Path dir) throws IOException {
        List<String> conversations = new ArrayList<>();
        List<String> sales = new ArrayList<>();
        conversations.add("conversation_id,customer_id,customer_name,started_at,closed_at,status,channel,agent_id,agent_name,"
                + "first_response_seconds,resolution_seconds,result,customer_status_after,agent_comments");
        sales.add("sale_id,product_id,product_name,conversation_id,quantity,unit_price,amount");
        int n = 0;
        for (int d = 1; d <= RECENT; d++) {
            n++;
            add(conversations, sales, n, TODAY.minusDays(d), d);
        }
        for (int d = 40; d <= 65; d += 5) {
            n++;
            add(conversations, sales, n, TODAY.minusDays(d), d);
        }
        for (int d = 0; d < 2; d++) {
            n++;
            add(conversations, sales, n, TODAY.minusYears(3).minusDays(d), 4);
        }
        Path c = dir.resolve("conversations.csv");
        Path s = dir.resolve("sales.csv");
        Files.write(c, conversations, StandardCharsets.UTF_8);
        Files.write(s, sales, StandardCharsets.UTF_8);
        return List.of(c, s);
    }

    /** Recent conversations with a sale in the default window (days 1..28 before today divisible by 4). */
    public static int recentWithSale() {
        return RECENT / 4;
    }

    /** Revenue of the sales in the default window: each sale is 2 × 15,000 on day d. */
    public static double recentRevenue() {
        return recentWithSale() * 30_000.0;
    }

    private static void add(List<String> conversations, List<String> sales, int n, LocalDate day, int d) {
        String[] agent = AGENTS[n % AGENTS.length];
        String channel = d % 2 == 0 ? "WhatsApp" : "Email";
        OffsetDateTime started = day.atTime(10, 0).atZone(ZONE).toOffsetDateTime();
        boolean active = d == 1;
        boolean sale = d % 4 == 0;
        String status, result, after;
        if (active) {
            status = "ACTIVA"; result = ""; after = "INTERESADO";
        } else if (sale) {
            status = "RESUELTA"; result = "GENERO_VENTA"; after = "CLIENTE_CON_VENTA";
        } else if (d % 4 == 1) {
            status = "ESCALADA"; result = "ESCALADA"; after = "INTERESADO";
        } else {
            status = "RESUELTA"; result = "CERRADA_SIN_SOLUCION"; after = "INACTIVO";
        }
        int firstResponse = 30 + 10 * (n % 7);
        int resolution = active ? 0 : 600 + 60 * (n % 5);
        String closed = active ? "" : started.plusSeconds(resolution).toString();
        String customer = id("customer", n % 20);
        conversations.add(String.join(",", id("conversation", n), customer, CUSTOMER_PREFIX + " " + (n % 20), started.toString(),
                closed, status, channel, agent[0], agent[1], String.valueOf(firstResponse), active ? "" : String.valueOf(resolution),
                result, after, "seguimiento " + n));
        if (sale) {
            sales.add(String.join(",", id("sale", n), id("product", 1), "Plan Hogar", id("conversation", n), "2", "15000.00", "30000.00"));
        }
    }
}
