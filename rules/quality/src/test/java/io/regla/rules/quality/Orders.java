package io.regla.rules.quality;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A generated, clean pair of datasets (customers, orders) and their contracts, for the properties. */
final class Orders {

    static final String CUSTOMERS_CONTRACT = """
            dataset: customers
            source: {csv: customers.csv}
            key: [customerId]
            fields:
              customerId: {type: string, required: true, pattern: "^C[0-9]{5}$"}
              name:       {type: string, required: true, personal: true}
            """;
    static final String ORDERS_CONTRACT = """
            dataset: orders
            source: {csv: orders.csv}
            key: [orderId]
            fields:
              orderId:     {type: string, required: true, pattern: "^O[0-9]{6}$"}
              customerId:  {type: string, required: true, references: customers.customerId}
              status:      {type: string, required: true, enum: [NEW, PAID, SHIPPED]}
              email:       {type: string, format: email}
              quantity:    {type: integer, required: true, min: 1, max: 100}
              amount:      {type: decimal, required: true, min: 0}
              orderedAt:   {type: datetime, required: true}
              deliveredOn: {type: date}
              gift:        {type: boolean}
            """;
    static final String[] HEADER = {"orderId", "customerId", "status", "email", "quantity", "amount", "orderedAt", "deliveredOn", "gift"};
    static final String[] STATUS = {"NEW", "PAID", "SHIPPED"};

    final List<String[]> customers = new ArrayList<>();
    final List<String[]> orders = new ArrayList<>();

    Orders(long seed, int customerCount, int orderCount) {
        Random r = new Random(seed);
        for (int i = 1; i <= customerCount; i++) customers.add(new String[]{String.format("C%05d", i), "Cliente " + i});
        for (int i = 1; i <= orderCount; i++) orders.add(order(r, i, customerCount));
    }

    static String[] order(Random r, int i, int customerCount) {
        return new String[]{String.format("O%06d", i), String.format("C%05d", 1 + r.nextInt(customerCount)),
                STATUS[r.nextInt(3)], r.nextInt(4) == 0 ? "" : "cliente" + i + "@example.com",
                Integer.toString(1 + r.nextInt(100)), (r.nextInt(100_000) / 100) + "." + String.format("%02d", r.nextInt(100)),
                String.format("2026-0%d-%02dT%02d:%02d:00-03:00", 1 + r.nextInt(9), 1 + r.nextInt(28), r.nextInt(24), r.nextInt(60)),
                r.nextBoolean() ? "" : String.format("2026-1%d-%02d", r.nextInt(3), 1 + r.nextInt(28)),
                r.nextBoolean() ? "true" : "false"};
    }

    /** Writes contracts and CSV files into {@code dir} and returns it. */
    Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("customers.contract.yaml"), CUSTOMERS_CONTRACT);
            Files.writeString(dir.resolve("orders.contract.yaml"), ORDERS_CONTRACT);
            writeCsv(dir.resolve("customers.csv"), new String[]{"customerId", "name"}, customers);
            writeCsv(dir.resolve("orders.csv"), HEADER, orders);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeCsv(Path file, String[] header, List<String[]> rows) throws IOException {
        StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
        for (String[] row : rows) b.append(String.join(",", row)).append('\n');
        Files.writeString(file, b);
    }
}
