package io.regla.rules.service.demo;

import io.regla.rules.service.importing.ConversationRecord;
import io.regla.rules.service.importing.SaleRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A synthetic contact centre (seed 003): 20 agents, 4 channels, conversations spread over the 2.5 years ending
 * {@code today} (so part of them fall behind the dashboard's two-year horizon), sales on the conversations that
 * generated one. The same seed writes the same data. Agents differ: one answers WhatsApp slowly, one rarely sells, a
 * few conversations have no agent, so the alerts have something to say.
 */
public final class ContactCentreGenerator {

    public static final String[] CHANNELS = {"WhatsApp", "Email", "Chat", "Teléfono"};
    private static final double[] CHANNEL_SHARE = {0.45, 0.20, 0.25, 0.10};
    private static final double[] FIRST_RESPONSE_MEAN = {120, 3600, 45, 25};
    private static final String[] FIRST = {"Ana", "Bruno", "Carla", "Diego", "Elena", "Fabián", "Gabriela", "Hugo", "Inés",
            "Julián", "Karina", "Lucas", "Marta", "Nicolás", "Olga", "Pablo", "Rocío", "Sergio", "Tamara", "Víctor"};
    private static final String[] LAST = {"Ramírez", "Soto", "Vega", "Castro", "Rojas", "Flores", "Ortiz", "Navarro",
            "Molina", "Silva", "Herrera", "Medina", "Aguilar", "Campos", "Fuentes", "Paredes"};
    private static final String[] PRODUCTS = {"Plan Básico", "Plan Plus", "Plan Empresa", "Instalación", "Soporte anual",
            "Módem", "Licencia adicional", "Capacitación"};
    private static final String[] PRICES = {"19.90", "39.90", "129.00", "45.50", "240.00", "89.99", "15.00", "310.00"};
    private static final String[] COMMENTS = {"", "", "Cliente pide llamada, mañana", "Consulta de precios", "Reclamo por demora",
            "Interesado en el plan anual", "Se envió cotización, \"urgente\"", "Sin respuesta del cliente"};
    public static final int AGENTS = 20;
    /** Days back from today the data covers: 2.5 years. */
    public static final int DAYS = 913;

    /** What was generated. */
    public record Result(long conversations, long sales, long unassigned) {
    }

    private ContactCentreGenerator() {
    }

    /** Writes {@code conversations.csv} and {@code sales.csv} (the import's public format) into {@code folder}. */
    public static Result write(Path folder, long seed, int conversations, LocalDate today) throws IOException {
        Files.createDirectories(folder);
        try (BufferedWriter c = Files.newBufferedWriter(folder.resolve("conversations.csv"), StandardCharsets.UTF_8);
             BufferedWriter s = Files.newBufferedWriter(folder.resolve("sales.csv"), StandardCharsets.UTF_8)) {
            c.write("conversation_id,customer_id,customer_name,started_at,closed_at,status,channel,agent_id,agent_name,"
                    + "first_response_seconds,resolution_seconds,result,customer_status_after,agent_comments\n");
            s.write("sale_id,product_id,product_name,conversation_id,quantity,unit_price,amount\n");
            IOException[] failure = new IOException[1];
            Result r = generate(seed, conversations, today, row -> {
                try {
                    c.write(csv(row.id(), row.customerId(), row.customerName(), time(row.startedAt()), time(row.closedAt()),
                            row.status(), row.channel(), row.agentId(), row.agentName(), text(row.firstResponseSeconds()),
                            text(row.resolutionSeconds()), row.result(), row.customerStatusAfter(), row.agentComments()));
                } catch (IOException e) {
                    failure[0] = e;
                }
            }, sale -> {
                try {
                    s.write(csv(sale.id(), sale.productId(), sale.productName(), sale.conversationId(),
                            sale.quantity().toPlainString(), sale.unitPrice().toPlainString(), sale.amount().toPlainString()));
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) throw failure[0];
            return r;
        }
    }

    /** Streams the records (a conversation before its sales) without writing files: the benchmark's direct load. */
    public static Result generate(long seed, int conversations, LocalDate today, Consumer<ConversationRecord> onConversation,
                                  Consumer<SaleRecord> onSale) {
        Random rnd = new Random(seed);
        String[] agentIds = new String[AGENTS];
        String[] agentNames = new String[AGENTS];
        double[] skill = new double[AGENTS];
        for (int a = 0; a < AGENTS; a++) {
            agentIds[a] = uuid(rnd);
            agentNames[a] = FIRST[a] + " " + LAST[rnd.nextInt(LAST.length)];
            skill[a] = 0.20 + 0.25 * rnd.nextDouble();
        }
        skill[7] = 0.05;                       // the agent who rarely sells (LOW_SUCCESS_RATE)
        String[] products = new String[PRODUCTS.length];
        for (int p = 0; p < products.length; p++) products[p] = uuid(rnd);
        int customers = Math.max(50, conversations / 3);
        String[] customerIds = new String[customers];
        String[] customerNames = new String[customers];
        for (int k = 0; k < customers; k++) {
            customerIds[k] = uuid(rnd);
            customerNames[k] = FIRST[rnd.nextInt(FIRST.length)] + " " + LAST[rnd.nextInt(LAST.length)];
        }
        Instant end = today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long span = Duration.ofDays(DAYS).toSeconds();
        long sales = 0;
        long unassigned = 0;
        for (int i = 0; i < conversations; i++) {
            Instant started = end.minusSeconds(1 + (long) (rnd.nextDouble() * span)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            int k = (int) (customers * Math.pow(rnd.nextDouble(), 2));      // some customers come back often
            int ch = channel(rnd.nextDouble());
            boolean noAgent = rnd.nextDouble() < 0.003;
            int a = rnd.nextInt(AGENTS);
            double slow = a == 3 && ch == 0 ? 4 : 1;                         // slow on WhatsApp (SLOW_FIRST_RESPONSE)
            long firstResponse = Math.round(-Math.log(1 - rnd.nextDouble()) * FIRST_RESPONSE_MEAN[ch] * slow);
            boolean recent = Duration.between(started, end).toDays() < 2;
            String status;
            if (noAgent) status = rnd.nextBoolean() ? "ACTIVA" : "ESCALADA";
            else if (recent && rnd.nextBoolean()) status = "ACTIVA";
            else status = rnd.nextDouble() < 0.08 ? "ESCALADA" : "RESUELTA";
            String result = null;
            String after = null;
            Instant closed = null;
            Long resolution = null;
            int saleCount = 0;
            if (!status.equals("ACTIVA")) {
                resolution = firstResponse + Math.round(-Math.log(1 - rnd.nextDouble()) * 1800);
                closed = started.plusSeconds(resolution);
                if (status.equals("ESCALADA")) {
                    result = "ESCALADA";
                    after = "INTERESADO";
                } else if (rnd.nextDouble() < skill[a]) {
                    result = "GENERO_VENTA";
                    after = "CLIENTE_CON_VENTA";
                    saleCount = 1 + (rnd.nextDouble() < 0.2 ? 1 : 0);
                } else {
                    result = "CERRADA_SIN_SOLUCION";
                    after = rnd.nextBoolean() ? "INTERESADO" : "INACTIVO";
                }
            }
            String id = uuid(rnd);
            onConversation.accept(new ConversationRecord(id, customerIds[k], customerNames[k], started, closed, status,
                    CHANNELS[ch], noAgent ? null : agentIds[a], noAgent ? null : agentNames[a],
                    noAgent ? null : firstResponse, resolution, result, after, COMMENTS[rnd.nextInt(COMMENTS.length)]));
            if (noAgent) unassigned++;
            for (int s = 0; s < saleCount; s++) {
                int p = rnd.nextInt(PRODUCTS.length);
                BigDecimal quantity = BigDecimal.valueOf(1 + rnd.nextInt(3));
                BigDecimal price = new BigDecimal(PRICES[p]);
                onSale.accept(new SaleRecord(uuid(rnd), products[p], PRODUCTS[p], id, quantity, price, quantity.multiply(price)));
                sales++;
            }
        }
        return new Result(conversations, sales, unassigned);
    }

    private static int channel(double u) {
        double acc = 0;
        for (int c = 0; c < CHANNELS.length; c++) {
            acc += CHANNEL_SHARE[c];
            if (u < acc) return c;
        }
        return CHANNELS.length - 1;
    }

    private static String uuid(Random rnd) {
        return new UUID((rnd.nextLong() & 0xffffffffffff0fffL) | 0x4000L, (rnd.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L).toString();
    }

    /** Times in Buenos Aires' offset, as a contact centre there would export them. */
    private static String time(Instant t) {
        return t == null ? "" : t.atOffset(ZoneOffset.ofHours(-3)).toString();
    }

    private static String text(Long n) {
        return n == null ? "" : n.toString();
    }

    private static String csv(String... values) {
        StringBuilder b = new StringBuilder(256);
        for (int i = 0; i < values.length; i++) {
            if (i > 0) b.append(',');
            String v = values[i] == null ? "" : values[i];
            if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                b.append('"').append(v.replace("\"", "\"\"")).append('"');
            } else {
                b.append(v);
            }
        }
        return b.append('\n').toString();
    }
}
