package io.regla.rules.loyalty;

import io.regla.rules.loyalty.ledger.Ledger;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the loyalty domain depend one way: {@code migration} (and {@code service}) build on the root package
 * ({@code Member}, {@code Tier}, {@code LoyaltyProcessor}, ...), and the root package builds on the {@code ledger} port.
 * So the root package must not use the migration package, and the ledger package must use no other package of the
 * domain (its purchase history keeps its own values, not the rules' facts). Checked on the compiled classes, nested ones
 * included: a class file's constant pool holds every class it refers to.
 */
class PackageCycleTest {

    private static final String DOMAIN = "io/regla/rules/loyalty/";
    /** A class of the domain's root package: its simple name is not followed by a further package separator. */
    private static final Pattern ROOT_CLASS = Pattern.compile(Pattern.quote(DOMAIN) + "([A-Za-z_$][A-Za-z0-9_$]*+)(?!/)");

    @Test
    void theRootPackageUsesNothingOfTheMigrationPackage() throws IOException, URISyntaxException {
        List<String> using = new ArrayList<>();
        for (Path c : classes(LoyaltyProcessor.class)) {
            if (text(c).contains(DOMAIN + "migration/")) using.add(c.getFileName().toString());
        }
        assertThat(using).as("root-package classes that refer to a class of " + DOMAIN + "migration/").isEmpty();
    }

    @Test
    void theLedgerPackageUsesNoOtherPackageOfTheDomain() throws IOException, URISyntaxException {
        List<String> using = new ArrayList<>();
        for (Path c : classes(Ledger.class)) {
            String text = text(c);
            TreeSet<String> named = new TreeSet<>();
            Matcher m = ROOT_CLASS.matcher(text);
            while (m.find()) named.add(m.group(1));
            for (String other : List.of("migration/", "service/")) {
                if (text.contains(DOMAIN + other)) named.add(other);
            }
            if (!named.isEmpty()) using.add(c.getFileName() + " -> " + named);
        }
        assertThat(using).as("ledger-package classes that refer to a class of another package of " + DOMAIN).isEmpty();
    }

    @Test
    void theLedgerCheckSeesARootClassNamedInAClassFile() {
        Matcher m = ROOT_CLASS.matcher("\u0001\u0000)Lio/regla/rules/loyalty/CardTransaction;\u0001\u0000 io/regla/rules/loyalty/ledger/Purchase");
        List<String> found = new ArrayList<>();
        while (m.find()) found.add(m.group(1));
        assertThat(found).containsExactly("CardTransaction");
    }

    private static List<Path> classes(Class<?> of) throws IOException, URISyntaxException {
        Path dir = Path.of(of.getResource(of.getSimpleName() + ".class").toURI()).getParent();
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).as("the classes of " + dir).hasSizeGreaterThan(10);
        return classes;
    }

    private static String text(Path c) throws IOException {
        return new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
    }
}
