package io.regla.core.registry;

import io.regla.api.DecideOptions;
import io.regla.api.Decision;
import io.regla.api.RuleSetInfo;
import io.regla.api.RulesEngine;
import io.regla.core.Regla;
import io.regla.core.TestRules;
import io.regla.core.decide.DroolsEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.regla.core.registry.StartupIndexTest.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compileEagerly(true)} on versions with build-time artifacts loads them on every core at build: each
 * version is loaded once, and the engine decides exactly as one that loads each version at its first call, or
 * that compiles every version from its DRL. Broken or changed folders behave as in a sequential eager build.
 */
class EagerLoadTest {

    @TempDir
    Path tmp;

    private Path precompiled() {
        return TestRules.precompiledCopyTo(tmp);
    }

    /**
     * Per version (label), the actions of one decision on the same facts at its effective date (the test rule set
     * {@code loop} loops on purpose: it is loaded, not decided).
     */
    private static Map<String, String> decideEach(RulesEngine engine) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String ruleSet : List.of("discount", "greeting")) {
            for (RuleSetInfo v : engine.registry().versions(ruleSet)) {
                if (v.state() == RuleSetInfo.State.FAILED) {
                    out.put(v.label(), "FAILED");
                    continue;
                }
                Decision d = engine.decide(ruleSet, PEOPLE, DecideOptions.builder().version(v.version()).asOf(v.effectiveFrom()).build());
                out.put(v.label(), d.actions().toString());
            }
        }
        return out;
    }

    @Test
    void everyVersionIsLoadedOnceAtBuildAndDecidesAsALazyOrDrlEngine() {
        Path rules = precompiled();
        Map<String, String> eager;
        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).compileEagerly(true).buildDrools()) {
            int versions = engine.registry().ruleSets().stream().mapToInt(id -> engine.registry().versions(id).size()).sum();
            assertThat(versions).isEqualTo(4);
            assertThat(engine.versionRegistry().compiler().compilations()).isEqualTo(versions);
            engine.registry().ruleSets().forEach(id -> assertThat(engine.registry().versions(id))
                    .allMatch(v -> v.state() == RuleSetInfo.State.COMPILED, id));
            eager = decideEach(engine);
            assertThat(engine.versionRegistry().compiler().compilations()).as("deciding loads nothing more").isEqualTo(versions);
        }
        try (RulesEngine lazy = Regla.builder().rulesDirectory(rules).build()) {
            assertThat(decideEach(lazy)).isEqualTo(eager);
        }
        try (RulesEngine drl = Regla.builder().rulesDirectory(rules).precompiled(false).compileEagerly(true).build()) {
            assertThat(decideEach(drl)).isEqualTo(eager);
        }
    }

    @Test
    void aBrokenFolderFailsAloneAndAChangedOneIsCompiledFromItsFiles() throws IOException {
        Path rules = precompiled();
        Map<String, String> before;
        try (RulesEngine engine = Regla.builder().rulesDirectory(rules).compileEagerly(true).build()) {
            before = decideEach(engine);
        }
        Path broken = rules.resolve("greeting/1.1.0/greeting.drl");
        Files.writeString(broken, Files.readString(broken).replace("then", "then\n    this is not java;"));
        Path discount = rules.resolve("discount/1.0.0");
        Path drl;
        try (var files = Files.list(discount)) {
            drl = files.filter(p -> p.toString().endsWith(".drl")).findFirst().orElseThrow();
        }
        Files.writeString(drl, Files.readString(drl) + "\n// changed since the build\n");

        try (DroolsEngine engine = Regla.builder().rulesDirectory(rules).compileEagerly(true).buildDrools()) {
            RuleSetInfo failed = engine.registry().versions("greeting").stream()
                    .filter(v -> v.version().toString().equals("1.1.0")).findFirst().orElseThrow();
            assertThat(failed.state()).isEqualTo(RuleSetInfo.State.FAILED);
            assertThat(failed.errors()).anyMatch(e -> e.file().equals("greeting.drl"));
            Map<String, String> after = decideEach(engine);
            Map<String, String> expected = new LinkedHashMap<>(before);
            expected.replace(failed.label(), "FAILED");
            assertThat(after).isEqualTo(expected);
            RuleSetInfo changed = engine.registry().versions("discount").get(0);
            assertThat(changed.state()).isEqualTo(RuleSetInfo.State.COMPILED);
            assertThat(changed.checksum()).isEqualTo(RuleSetFolder.read(discount, "x").checksum());
        }
    }
}
