package io.regla.benchmarks.quality;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

/**
 * A 10-column dataset for the data-quality benchmarks: the seed-003 sales list (every built-in check kind on some
 * column: pattern, enum, range on integer and decimal, date, datetime, e-mail and UUID formats, boolean, a key),
 * written straight to disk so that millions of rows never sit in memory.
 */
public final class QualityData {

    public static final String CONTRACT = """
            dataset: sales
            source: {csv: sales.csv}
            key: [saleId]
            fields:
              saleId:         {type: string, required: true, pattern: "^S[0-9]{9}$"}
              productId:      {type: string, required: true, format: uuid}
              conversationId: {type: string, format: uuid}
              channel:        {type: string, required: true, enum: [WHATSAPP, WEB, TELEFONO, EMAIL]}
              customerEmail:  {type: string, format: email}
              quantity:       {type: integer, required: true, min: 1, max: 1000}
              unitPrice:      {type: decimal, required: true, min: 0}
              amount:         {type: decimal, required: true, min: 0}
              soldOn:         {type: date, required: true, min: 2020-01-01}
              soldAt:         {type: datetime, required: true}
            timeZone: America/Santiago
            """;

    static final String[] CHANNELS = {"WHATSAPP", "WEB", "TELEFONO", "EMAIL"};

    private QualityData() {
    }

    /** Writes the contract and {@code rows} clean rows (one in {@code faultEvery} with an out-of-range quantity). */
    public static Path write(Path dir, long rows, int faultEvery) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("sales.contract.yaml"), CONTRACT);
            Random r = new Random(3);
            UUID[] products = new UUID[200];
            for (int i = 0; i < products.length; i++) products[i] = new UUID(r.nextLong(), r.nextLong());
            try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("sales.csv"), StandardCharsets.UTF_8)) {
                w.write("saleId,productId,conversationId,channel,customerEmail,quantity,unitPrice,amount,soldOn,soldAt\n");
                StringBuilder b = new StringBuilder(256);
                for (long i = 0; i < rows; i++) {
                    int q = faultEvery > 0 && i % faultEvery == faultEvery - 1 ? 5000 : 1 + r.nextInt(20);
                    long cents = 100 + r.nextInt(100_000);
                    int day = 1 + r.nextInt(28), month = 1 + r.nextInt(12);
                    b.setLength(0);
                    b.append('S').append(String.format("%09d", i)).append(',')
                            .append(products[r.nextInt(products.length)]).append(',')
                            .append(new UUID(r.nextLong(), r.nextLong())).append(',')
                            .append(CHANNELS[r.nextInt(4)]).append(',')
                            .append("cliente").append(i % 50_000).append("@example.com").append(',')
                            .append(q).append(',')
                            .append(cents / 100).append('.').append(String.format("%02d", cents % 100)).append(',')
                            .append(cents * q / 100).append('.').append(String.format("%02d", cents * q % 100)).append(',')
                            .append("2025-").append(month < 10 ? "0" : "").append(month).append('-').append(day < 10 ? "0" : "").append(day).append(',')
                            .append("2025-").append(month < 10 ? "0" : "").append(month).append('-').append(day < 10 ? "0" : "").append(day)
                            .append("T1").append(r.nextInt(10)).append(":3").append(r.nextInt(10)).append(":00-03:00\n");
                    w.append(b);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
