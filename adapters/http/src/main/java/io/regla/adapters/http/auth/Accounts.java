package io.regla.adapters.http.auth;

import io.regla.adapters.http.Principal;
import io.regla.adapters.http.Role;
import io.regla.adapters.http.RoleRegistry;
import io.regla.api.spi.ConcurrentUpdateException;
import io.regla.api.spi.FactStore;
import io.regla.api.spi.StoredFact;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Users, API tokens and browser sessions, kept as facts in the generic {@link FactStore} (so they work on every
 * store without a new SPI). Passwords are BCrypt-hashed (Spring Security's encoder); a user is locked out for
 * {@link #LOCK_OUT} after {@link #MAX_FAILURES} consecutive failures; an unknown username costs the same hash check
 * as a known one, and every secret comparison is constant-time. Sessions expire after {@link #SESSION_LENGTH}.
 */
public final class Accounts {

    public static final int MAX_FAILURES = 5;
    public static final Duration LOCK_OUT = Duration.ofMinutes(15);
    public static final Duration SESSION_LENGTH = Duration.ofHours(10);
    static final int MIN_PASSWORD = 10;
    private static final String TOKEN_PREFIX = "rgl_";

    private final FactStore facts;
    private final Clock clock;
    private final RoleRegistry roles;
    private final PasswordEncoder encoder;
    private final String dummyHash;
    private final SecureRandom random = new SecureRandom();

    public Accounts(FactStore facts, Clock clock, RoleRegistry roles) {
        this(facts, clock, roles, 10);
    }

    /** @param bcryptCost BCrypt's log2 rounds (10 ≈ 65 ms a check here; tests may go lower) */
    public Accounts(FactStore facts, Clock clock, RoleRegistry roles, int bcryptCost) {
        this.facts = Objects.requireNonNull(facts, "facts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.roles = Objects.requireNonNull(roles, "roles");
        this.encoder = new BCryptPasswordEncoder(bcryptCost, random);
        this.dummyHash = encoder.encode("not-a-password-" + random.nextLong());
    }

    public RoleRegistry roles() {
        return roles;
    }

    // ---- users

    /**
     * Adds a user.
     *
     * @throws IllegalArgumentException naming what is wrong: the username, the role, a scoped role without scope,
     *                                  a too short password, or a username already taken
     */
    public UserAccount addUser(String username, String roleName, List<String> scope, char[] password) {
        Objects.requireNonNull(password, "password");
        if (username == null || !username.matches("[a-z0-9][a-z0-9._@-]{1,63}")) {
            throw new IllegalArgumentException("username '" + username + "': use 2..64 lower-case letters, digits, . _ @ -");
        }
        Role role = roles.require(roleName);
        List<String> campuses = scope == null ? List.of() : scope.stream().map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (role.scoped() && campuses.isEmpty()) {
            throw new IllegalArgumentException("role " + role.name() + " is limited to campuses: give at least one --campus");
        }
        String pw = new String(password);
        if (pw.length() < MIN_PASSWORD) {
            throw new IllegalArgumentException("the password must have at least " + MIN_PASSWORD + " characters");
        }
        if (pw.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new IllegalArgumentException("the password must have at most 72 bytes (BCrypt's limit)");
        }
        UserAccount account = new UserAccount(username, role.name(), role.scoped() ? campuses : List.of(),
                encoder.encode(pw), 0, null, clock.instant());
        if (!facts.insert(username, account)) {
            throw new IllegalArgumentException("there is already a user '" + username + "'");
        }
        return account;
    }

    public List<UserAccount> users() {
        return facts.listAll(UserAccount.class);
    }

    public Optional<UserAccount> user(String username) {
        return facts.get(UserAccount.class, username).map(StoredFact::value);
    }

    /** A random password for a generated account (the demo's one-time passwords). */
    public String generatePassword() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Checks a username and password. Failures count towards the lock-out; a locked account fails even with the
     * right password (and the answer does not say which: no oracle for guessing).
     */
    public Optional<Principal> signIn(String username, String password) {
        if (username == null || password == null) {
            encoder.matches("x", dummyHash);
            return Optional.empty();
        }
        Optional<StoredFact<UserAccount>> stored = facts.get(UserAccount.class, username.trim().toLowerCase(java.util.Locale.ROOT));
        if (stored.isEmpty()) {
            encoder.matches(password, dummyHash);   // the same cost as a known user's check
            return Optional.empty();
        }
        UserAccount account = stored.get().value();
        boolean matches = safeMatches(password, account.passwordHash());
        Instant now = clock.instant();
        boolean locked = account.lockedUntil() != null && now.isBefore(account.lockedUntil());
        if (matches && !locked) {
            if (account.failures() > 0 || account.lockedUntil() != null) {
                record(stored.get(), account.withFailures(0, null));
            }
            return principalOf(account, null);
        }
        if (!locked) {
            int failures = account.failures() + 1;
            record(stored.get(), failures >= MAX_FAILURES
                    ? account.withFailures(0, now.plus(LOCK_OUT))
                    : account.withFailures(failures, null));
        }
        return Optional.empty();
    }

    private boolean safeMatches(String password, String hash) {
        try {
            return encoder.matches(password, hash);
        } catch (IllegalArgumentException e) {   // longer than BCrypt takes: cannot be the password
            return false;
        }
    }

    private void record(StoredFact<UserAccount> read, UserAccount changed) {
        try {
            facts.replace(read.id(), changed, read.version());
        } catch (ConcurrentUpdateException e) {
            // another attempt on the same account landed first; the next one counts again
        }
    }

    private Optional<Principal> principalOf(UserAccount account, String csrf) {
        return roles.find(account.role()).map(role -> new Principal(account.username(), role, Set.copyOf(account.scope()), csrf));
    }

    // ---- sessions

    /** Opens a session for a signed-in user; returns the cookie value (shown to the browser only). */
    public String openSession(Principal user) {
        String id = randomToken(32);
        Instant now = clock.instant();
        facts.put(sha256(id), new WebSession(user.name(), randomToken(24), now, now.plus(SESSION_LENGTH)));
        return id;
    }

    /** The user of a session cookie, with the session's CSRF token; empty if unknown or expired. */
    public Optional<Principal> session(String cookieValue) {
        if (cookieValue == null || cookieValue.length() < 20 || cookieValue.length() > 100) {
            return Optional.empty();
        }
        String key = sha256(cookieValue);
        Optional<WebSession> session = facts.get(WebSession.class, key).map(StoredFact::value);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(session.get().expiresAt())) {
            facts.delete(WebSession.class, key);
            return Optional.empty();
        }
        return user(session.get().username()).flatMap(u -> principalOf(u, session.get().csrf()));
    }

    public void closeSession(String cookieValue) {
        if (cookieValue != null && !cookieValue.isBlank()) {
            facts.delete(WebSession.class, sha256(cookieValue));
        }
    }

    // ---- API tokens

    /** Creates an API token; the returned string is the only time it is seen whole. */
    public String createToken(String roleName, List<String> scope) {
        Role role = roles.require(roleName);
        List<String> campuses = scope == null ? List.of() : List.copyOf(scope);
        if (role.scoped() && campuses.isEmpty()) {
            throw new IllegalArgumentException("role " + role.name() + " is limited to campuses: give at least one --campus");
        }
        String prefix = HexFormat.of().formatHex(randomBytes(6));
        String secret = randomToken(32);
        facts.insert(prefix, new ApiToken(prefix, sha256(secret), role.name(), role.scoped() ? campuses : List.of(), clock.instant()));
        return TOKEN_PREFIX + prefix + "_" + secret;
    }

    /** The principal of an {@code Authorization: Bearer} token; empty if it is not a valid token. */
    public Optional<Principal> bearer(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        int sep = token.indexOf('_', TOKEN_PREFIX.length());
        if (sep < 0) {
            return Optional.empty();
        }
        String prefix = token.substring(TOKEN_PREFIX.length(), sep);
        byte[] given = sha256(token.substring(sep + 1)).getBytes(StandardCharsets.US_ASCII);
        Optional<ApiToken> stored = prefix.matches("[0-9a-f]{12}") ? facts.get(ApiToken.class, prefix).map(StoredFact::value) : Optional.empty();
        byte[] expected = stored.map(t -> t.secretSha256().getBytes(StandardCharsets.US_ASCII)).orElse(new byte[given.length]);
        if (!MessageDigest.isEqual(given, expected) || stored.isEmpty()) {
            return Optional.empty();
        }
        ApiToken t = stored.get();
        return roles.find(t.role()).map(role -> new Principal("token:" + t.prefix(), role, Set.copyOf(t.scope()), null));
    }

    public List<ApiToken> tokens() {
        return facts.listAll(ApiToken.class);
    }

    // ---- helpers

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private String randomToken(int bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(bytes));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }
}
