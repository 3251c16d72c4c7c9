package io.regla.rules.loyalty;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration package builds on the domain's root package ({@code Member}, {@code Tier}, {@code LoyaltyProcessor},
 * ...), so the root package must not use the migration package: no class of it (nested ones included) names a
 * migration class in its compiled form (a class file's constant pool holds every class it refers to).
 */
class PackageCycleTest {

    private static final String MIGRATION = "io/regla/rules/loyalty/migration/";

    @Test
    void theRootPackageUsesNothingOfTheMigrationPackage() throws IOException, URISyntaxException {
        Path root = Path.of(LoyaltyProcessor.class.getResource("LoyaltyProcessor.class").toURI()).getParent();
        List<Path> classes;
        try (Stream<Path> files = Files.list(root)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).as("the root package's classes").hasSizeGreaterThan(10);
        List<String> using = new java.util.ArrayList<>();
        for (Path c : classes) {
            if (new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1).contains(MIGRATION)) using.add(c.getFileName().toString());
        }
        assertThat(using).as("root-package classes that refer to a class of " + MIGRATION).isEmpty();
    }
}
