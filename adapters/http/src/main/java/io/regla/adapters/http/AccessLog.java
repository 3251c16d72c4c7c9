package io.regla.adapters.http;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One line per call: method, path, status, time, and who as role and a pseudonym (a short hash of the name: the
 * same user gets the same one, and no name is written). Never the query string (a search by guardian's e-mail would
 * land there), never a body, never a header; an e-mail address in the path itself is masked.
 */
final class AccessLog implements RequestLogger {

    static final Logger LOG = LoggerFactory.getLogger("io.regla.http.access");
    private static final Pattern EMAIL = Pattern.compile("[^/@\\s]+@[^/@\\s]+");

    @Override
    public void handle(Context ctx, Float ms) {
        Principal p = ctx.attribute(Routes.PRINCIPAL);
        String who = p == null ? "-" : p.role().name() + ":" + pseudonym(p.name());
        String path = EMAIL.matcher(ctx.path()).replaceAll("***@***");
        LOG.info("{} {} {} {}ms {}", ctx.method().name(), path, ctx.status().getCode(), Math.round(ms == null ? 0 : ms), who);
    }

    static String pseudonym(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return "u" + HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
