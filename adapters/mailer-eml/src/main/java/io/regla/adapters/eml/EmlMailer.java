package io.regla.adapters.eml;

import io.regla.api.PersonalData;
import io.regla.api.spi.DeliveryException;
import io.regla.api.spi.Mailer;
import io.regla.api.spi.OutgoingEmail;
import io.regla.api.spi.SendResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The embedded default mailer: writes each e-mail as an RFC 822 {@code .eml} file (openable in any mail client)
 * into one directory, so everything runs without provider keys.
 *
 * <p>The file is named after the outbox key, so sending a key again finds the file and writes nothing:
 * {@link #idempotent()} is true and {@link #lookup} is a file check. Files appear whole (written aside, then
 * moved into place), so a crash never leaves half an e-mail under a key's name.
 */
public final class EmlMailer implements Mailer {

    private static final Logger log = LoggerFactory.getLogger(EmlMailer.class);
    /** One {@code @}, no spaces or control characters: what a provider would accept as an address at all. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>\",;]+@[^\\s@<>\",;]+\\.[^\\s@<>\",;]+");
    private static final int MAX_READABLE_NAME = 150;

    private final Path directory;
    private final String fromName;
    private final String fromAddress;
    private final Clock clock;

    public EmlMailer(Path directory) {
        this(directory, "Regla", "no-reply@regla.invalid", Clock.systemUTC());
    }

    public EmlMailer(Path directory, String fromName, String fromAddress, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.fromName = fromName;
        this.fromAddress = Objects.requireNonNull(fromAddress, "fromAddress");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!ADDRESS.matcher(fromAddress).matches()) {
            throw new IllegalArgumentException("sender address '" + fromAddress + "' is not an e-mail address");
        }
    }

    @Override
    public String name() {
        return "eml";
    }

    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public SendResult send(OutgoingEmail email) {
        String fileName = fileName(email.key());
        Path target = directory.resolve(fileName);
        if (Files.exists(target)) {
            log.debug("eml key={} already written as {}", email.key(), fileName);
            return new SendResult(SendResult.Status.ACCEPTED, fileName, "already written");
        }
        if (email.to() == null || !ADDRESS.matcher(email.to()).matches()) {
            log.info("eml key={} rejected: invalid recipient {}", email.key(), PersonalData.maskEmail(email.to()));
            return new SendResult(SendResult.Status.REJECTED, null, "invalid");
        }
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".sending-", ".tmp");
            try {
                Files.writeString(temp, render(email), StandardCharsets.UTF_8);
                moveIntoPlace(temp, target);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new DeliveryException("cannot write " + target + ": " + e.getMessage(), true, null, "IO", false, e);
        }
        log.debug("eml key={} template={} to={} -> {}", email.key(), email.template(), PersonalData.maskEmail(email.to()), fileName);
        return new SendResult(SendResult.Status.ACCEPTED, fileName, "written");
    }

    @Override
    public Optional<SendResult> lookup(String key) {
        String fileName = fileName(key);
        return Files.exists(directory.resolve(fileName))
                ? Optional.of(new SendResult(SendResult.Status.ACCEPTED, fileName, "written"))
                : Optional.empty();
    }

    /** Where the e-mail for this key is (or would be) written. */
    public Path fileFor(String key) {
        return directory.resolve(fileName(key));
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            // A hard link fails if the target exists, so two writers of one key never overwrite each other.
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException alreadyWritten) {
            // another writer of the same key won: its file stands
        } catch (UnsupportedOperationException | IOException noLinks) {
            if (!Files.exists(target)) {
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target);
                }
            }
        }
    }

    /**
     * The template's name, unless the e-mail carries its own subject in the merge field {@value #SUBJECT_FIELD} (an
     * internal notice such as advising's "Deal sin Facultad Asociada [name]", whose template takes subject and body
     * from its merge fields).
     */
    static String subject(OutgoingEmail email) {
        String own = email.mergeFields().get(SUBJECT_FIELD);
        return own == null || own.isBlank() ? email.template() : own.strip().replaceAll("[\\r\\n]+", " ");
    }

    /** The merge field holding an e-mail's own subject. */
    public static final String SUBJECT_FIELD = "subject";

    String render(OutgoingEmail email) {
        StringBuilder m = new StringBuilder();
        header(m, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(ZoneOffset.UTC)));
        header(m, "From", (fromName == null || fromName.isBlank() ? "" : Rfc822.headerValue(fromName) + " ") + "<" + fromAddress + ">");
        header(m, "To", "<" + email.to() + ">");
        header(m, "Subject", Rfc822.headerValue(subject(email)));
        header(m, "Message-ID", "<" + sha256(email.key()).substring(0, 32) + "@regla.eml>");
        header(m, "MIME-Version", "1.0");
        header(m, "Content-Type", "text/plain; charset=UTF-8");
        header(m, "Content-Transfer-Encoding", "quoted-printable");
        header(m, "X-Regla-Key", Rfc822.headerValue(email.key()));
        header(m, "X-Regla-Template", Rfc822.headerValue(email.template()));
        if (email.subjectId() != null) {
            header(m, "X-Regla-Subject-Id", Rfc822.headerValue(email.subjectId()));
        }
        m.append(Rfc822.CRLF);
        StringBuilder body = new StringBuilder("Plantilla: ").append(email.template()).append('\n');
        new TreeMap<>(email.mergeFields()).forEach((k, v) -> body.append(k).append(": ").append(v).append('\n'));
        m.append(Rfc822.quotedPrintable(body.toString()));
        return m.toString();
    }

    private static void header(StringBuilder m, String name, String value) {
        m.append(name).append(": ").append(value).append(Rfc822.CRLF);
    }

    /**
     * The key made a safe, unique file name: letters, digits, {@code -}, {@code _} and non-leading {@code .} stay,
     * every other byte becomes {@code %XX} (so distinct keys give distinct names and none can leave the
     * directory); a very long key keeps a readable prefix and its SHA-256.
     */
    static String fileName(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("outbox key is missing");
        }
        StringBuilder name = new StringBuilder();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            boolean safe = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '_'
                    || (b == '.' && i > 0);
            name.append(safe ? String.valueOf((char) b) : String.format("%%%02X", b));
        }
        if (name.length() > MAX_READABLE_NAME) {
            return name.substring(0, MAX_READABLE_NAME).replaceAll("%[0-9A-F]?$", "") + "~" + sha256(key) + ".eml";
        }
        return name + ".eml";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "EmlMailer[" + directory + "]";
    }
}
