package io.regla.distribution;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zip as a user gets it: unpacked into a folder whose path has a space, run with a Java runtime and nothing else
 * on the PATH (no Maven, no repository checkout); and the tar.gz beside it, read from its own headers (layout, modes).
 */
class DistributionIT {

    @TempDir
    static Path tmp;
    static Path home;

    @BeforeAll
    static void unpack() throws IOException {
        Path zip = Path.of(System.getProperty("regla.zip"));
        Path into = Files.createDirectories(tmp.resolve("Program Files"));
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                Path to = into.resolve(e.getName()).normalize();
                if (!to.startsWith(into)) throw new IOException("zip entry outside the folder: " + e.getName());
                if (e.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    Files.copy(in, to);
                }
            }
        }
        try (var dirs = Files.list(into)) {
            home = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // zip entries carry no POSIX modes through ZipInputStream; tar.gz does. The user's unzip sets them.
        Files.setPosixFilePermissions(home.resolve("bin/regla"), java.util.Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    }

    @org.junit.jupiter.api.AfterAll
    static void removeWinePrefixLinks() throws IOException {
        // Wine links its prefix to / and the home folder; removed here, the temporary folder's clean-up has no link to warn about
        Path prefix = tmp.resolve("wineprefix");
        if (!Files.isDirectory(prefix)) return;
        try (var files = Files.walk(prefix)) {
            for (Path link : files.filter(Files::isSymbolicLink).toList()) Files.delete(link);
        }
    }

    @org.junit.jupiter.api.AfterAll
    static void removeToolLinks() throws IOException {
        Path dir = tmp.resolve("tools");
        if (!Files.isDirectory(dir)) return;
        try (var links = Files.list(dir)) {
            for (Path link : (Iterable<Path>) links::iterator) Files.delete(link);
        }
    }

    record Run(int exit, String out) {
    }

    private static Run regla(String... args) throws Exception {
        // Java only: the JDK's bin and the four shell tools the launcher needs; no Maven, no user PATH.
        return regla(Map.of("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + shellTools()), args);
    }

    private static Run regla(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/regla").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.putAll(environment);
        env.remove("MAVEN_HOME");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return run(pb, 120);
    }

    /** Starts the process, reads what it prints (stderr merged by the caller) and waits at most {@code seconds} for it. */
    private static Run run(ProcessBuilder pb, int seconds) throws Exception {
        Process p = pb.start();
        String out;
        try (InputStream s = p.getInputStream()) {
            out = new String(s.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(seconds, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static Path shellTools() throws IOException {
        Path dir = tmp.resolve("tools");
        if (Files.isDirectory(dir)) return dir;
        Files.createDirectories(dir);
        for (String tool : List.of("sh", "dirname", "sed", "ls")) {
            Path real = Path.of("/bin", tool).toRealPath();
            Files.createSymbolicLink(dir.resolve(tool), real);
        }
        return dir;
    }

    /**
     * With no locale (LANG and LC_* unset, or LANG=C: a container, a service, ssh without one) Java 17 prints ASCII,
     * "Mej?a": bin/regla runs the JVM in UTF-8, so a name with accents comes out as its UTF-8 bytes; an encoding the
     * user chose in REGLA_JAVA_OPTS is theirs.
     */
    @Test
    void printsNamesWithAccentsAsUtf8WithNoLocaleSet() throws Exception {
        Path scenario = Files.createDirectories(tmp.resolve("accents")).resolve("mejia.yaml");
        Files.writeString(scenario, """
                scenario: La directora Laura Mejía cancela la matrícula de Tomás
                ruleSet: scheduling
                version: 1.0.0
                at: 2026-03-02T09:00:00-03:00
                given:
                  - Campus: {id: C1, name: Vitamina Maipú, dailyAdaptationCapacity: 1}
                  - Enrollment: {id: E1, campusId: C1, status: ADAPTATION_SCHEDULED}
                  - Adaptation: {enrollmentId: E1, startsOn: 2026-03-09, endsOn: 2026-03-13}
                  - CancelEnrollment: {enrollmentId: E1, reason: the family moved to Valparaíso, by: directora.maipu}
                expect:
                  actions:
                    - Transition: {enrollmentId: E1, from: ADAPTATION_SCHEDULED, to: CANCELLED, by: directora.maipu,
                                   reason: "cancelled: the family moved to Valparaíso"}
                """, StandardCharsets.UTF_8);
        String name = "La directora Laura Mejía cancela la matrícula de Tomás";
        for (Map<String, String> locale : List.of(Map.<String, String>of(), Map.of("LANG", "C"), Map.of("LC_ALL", "POSIX"))) {
            byte[] out = reglaBytes(locale, "test", "--verbose-pass", scenario.toString());
            assertThat(new String(out, StandardCharsets.UTF_8)).as("locale %s", locale).contains("PASSED  " + name).contains("1 passed, 0 failed");
            assertThat(out).as("the UTF-8 bytes of í (C3 AD)").containsSequence(new byte[] {'M', 'e', 'j', (byte) 0xC3, (byte) 0xAD, 'a'});
        }
        byte[] latin1 = reglaBytes(Map.of("REGLA_JAVA_OPTS", "-XX:+UseSerialGC -Dfile.encoding=ISO-8859-1 -Dsun.stdout.encoding=ISO-8859-1"),
                "test", "--verbose-pass", scenario.toString());
        assertThat(new String(latin1, StandardCharsets.ISO_8859_1)).as("the user's own encoding").contains("PASSED  " + name);
    }

    /** bin/regla with Java and the shell tools only, no locale variables but {@code environment}'s; what it printed, as bytes. */
    private static byte[] reglaBytes(Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/regla").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.equals("LANG") || k.equals("LANGUAGE") || k.startsWith("LC_")
                || k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS") || k.equals("REGLA_JAVA_OPTS"));
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + shellTools());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("MAVEN_HOME");
        env.putAll(environment);
        Process p = pb.start();
        byte[] out;
        try (InputStream s = p.getInputStream()) {
            out = s.readAllBytes();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(out, StandardCharsets.UTF_8)).isZero();
        return out;
    }

    @Test
    void holdsLaunchersJarsRuleFoldersServiceFilesAndAReadme() throws IOException {
        assertThat(home.resolve("bin/regla")).isRegularFile();
        assertThat(home.resolve("bin/regla.cmd")).isRegularFile();
        assertThat(home.resolve("service/regla.service")).isRegularFile();
        assertThat(home.resolve("service/regla-service.xml")).isRegularFile();
        assertThat(Files.readString(home.resolve("README.md"))).doesNotContain("${project.version}").contains("Java 17");
        assertThat(home.resolve("rules/nursery/mailing/1.1.0/ruleset.yaml")).isRegularFile();
        assertThat(home.resolve("rules/nursery/pom.xml")).doesNotExist();
        try (var files = Files.walk(home.resolve("rules"))) {
            assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
                    .as("rule set folders, scenarios and their READMEs only")
                    .allMatch(n -> n.matches(".*\\.(yaml|drl|csv|xlsx|md)"));
        }
        try (var jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(p -> p.getFileName().toString()).toList())
                    .anyMatch(n -> n.startsWith("regla-cli-")).anyMatch(n -> n.startsWith("rules-nursery-"))
                    .anyMatch(n -> n.startsWith("drools-engine-")).noneMatch(n -> n.startsWith("maven-"));
        }
    }

    @Test
    void runsFromAPathWithSpacesWithJavaOnly() throws Exception {
        assertThat(home.toString()).contains(" ");
        Run versions = regla("versions");
        assertThat(versions.exit()).as(versions.out()).isZero();
        assertThat(versions.out()).contains("scheduling", "mailing", "advising", "loyalty");
        Run tests = regla("test", home.resolve("rules").toString());
        assertThat(tests.exit()).as(tests.out()).isZero();
        assertThat(tests.out()).containsPattern("\\d+ passed, 0 failed");
    }

    @Test
    void everyGroupAndCommandAnswersHelpFromTheZip() throws Exception {
        for (String[] args : List.of(new String[] {"loyalty", "--help"}, new String[] {"serve", "--help"},
                new String[] {"advising", "sync", "--help"}, new String[] {"help", "loyalty", "migrate"})) {
            Run help = regla(args);
            assertThat(help.exit()).as(help.out()).isZero();
            assertThat(help.out()).startsWith("Usage: regla " + String.join(" ", args).replace("help ", "").replace(" --help", ""));
        }
        // the version of the zip's name (regla-<version>.zip), not a number written by hand
        String zipVersion = Path.of(System.getProperty("regla.zip")).getFileName().toString().replaceAll("^regla-|\\.zip$", "");
        for (String flag : List.of("-V", "--version")) {
            Run version = regla(flag);
            assertThat(version.exit()).isZero();
            assertThat(version.out().strip()).isEqualTo("regla " + zipVersion);
        }
    }

    @Test
    void theSystemdUnitPassesSystemdAnalyzeVerify() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        // the unit as shipped, its ExecStart pointed at this unpacked launcher (quoted: the path has a space)
        String unit = Files.readString(home.resolve("service/regla.service"));
        assertThat(unit).contains("ExecStart=/opt/regla/bin/regla ");
        Path file = Files.createDirectories(tmp.resolve("units")).resolve("regla.service");
        Files.writeString(file, unit.replace("ExecStart=/opt/regla/bin/regla ", "ExecStart=\"" + home.resolve("bin/regla") + "\" "));
        Run verify = run(new ProcessBuilder(analyze.toString(), "verify", file.toString()).redirectErrorStream(true), 60);
        assertThat(verify.exit()).as(verify.out()).isZero();
        assertThat(verify.out()).as("systemd-analyze verify").isEmpty();
    }

    @Test
    void theFirstRunRecordsAClassArchiveThatLaterRunsMapInstead() throws Exception {
        // with the usual tools on the PATH (mkdir, mv, rm) the launcher records an AppCDS archive in lib/
        Map<String, String> env = Map.of("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        Path archive = home.resolve("lib/regla.jsa");
        Files.deleteIfExists(archive);
        Run first = regla(env, "versions");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(archive).isRegularFile();
        assertThat(Files.size(archive)).isPositive();
        try (var files = Files.list(home.resolve("lib"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
        assertThat(first.out()).doesNotContain("[warning]").doesNotContain("cds");

        Path classes = tmp.resolve("class-load.txt");
        Map<String, String> logged = new java.util.HashMap<>(env);
        logged.put("REGLA_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -Xlog:class+load=info:file=" + classes);
        Run second = regla(logged, "versions");
        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(second.out()).isEqualTo(first.out());
        // classes come from the recorded archive (the JDK's own from it at least: with a space in the installation
        // path, Java 17 keeps the application's classes out of it)
        assertThat(Files.readString(classes)).contains("source: shared objects file (top)");

        Files.delete(archive);
        Run off = regla(Map.of("PATH", env.get("PATH"), "REGLA_CDS", "off"), "versions");
        assertThat(off.exit()).as(off.out()).isZero();
        assertThat(archive).doesNotExist();
    }

    @Test
    void theFoldersUnderRulesAreWhatTheAnalystEditsAndValidates() throws Exception {
        Run validate = regla("validate", home.resolve("rules").toString());
        assertThat(validate.exit()).as(validate.out()).isZero();
        assertThat(validate.out()).contains("0 error(s)");
    }

    @Test
    void theWindowsLauncherHasCrlfLineEndingsInTheZip() throws IOException {
        byte[] cmd = Files.readAllBytes(home.resolve("bin/regla.cmd"));
        String text = new String(cmd, StandardCharsets.US_ASCII);
        assertThat(text).contains("\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n");
        WindowsLauncherSyntaxTest.assertBatchSyntax(text);
    }

    private static List<String> awaitLines(Path file) throws Exception {
        for (int i = 0; i < 100 && !Files.exists(file); i++) Thread.sleep(100);
        return Files.readAllLines(file);
    }

    /** A Unix path as Wine's Windows programs see it (drive Z: is the root). */
    private static String windows(Path p) {
        return "Z:" + p.toAbsolutePath().toString().replace('/', '\\');
    }

    /**
     * Runs {@code line} as the one command of a batch file under Wine's cmd.exe: what it printed and its exit code (the
     * launcher is started without {@code call}, so its {@code exit /b} is the process's exit code; Wine's {@code call} of
     * a batch file does not hand it back).
     */
    private static Run wineCmd(Path wine, Map<String, String> environment, String line) throws Exception {
        Path driver = tmp.resolve("driver.cmd"); // the driver's own path has no space: cmd /c takes it as is
        Files.writeString(driver, "@echo off\r\n" + line + "\r\n");
        ProcessBuilder pb = new ProcessBuilder(wine.toString(), "cmd", "/c", windows(driver)).directory(tmp.toFile())
                .redirectErrorStream(true);
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("WINEPREFIX", tmp.resolve("wineprefix").toString());
        pb.environment().put("WINEDEBUG", "-all");
        pb.environment().putAll(environment);
        return run(pb, 180);
    }

    /**
     * bin\regla.cmd from the zip (CRLF) run by a real cmd.exe, Wine's (Debian package wine64, which .ci/run installs):
     * from a folder with spaces, with JAVA_HOME in a folder with spaces, it hands java.exe the class path and every
     * argument as one argument each (a user's argument with a space too) and gives back java's exit code; without a
     * java.exe it says so and exits 3. java.exe here is a stand-in (a Linux java cannot read Z:\ paths): a script
     * writing its arguments down, then Wine's reg.exe, a Windows program that fails on them (exit 1).
     */
    @Test
    void theWindowsLauncherRunsUnderWinesCmdFromAPathWithSpaces() throws Exception {
        Path wine = Path.of("/usr/lib/wine/wine64");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(wine), "wine64 is not installed (.ci/run installs it)");
        Path javaHome = Files.createDirectories(tmp.resolve("jdk 17/bin")).getParent();
        Path args = tmp.resolve("java-args.txt");
        Path javaExe = javaHome.resolve("bin/java.exe");
        // written whole, then moved into place: the test reads it once it is there
        Files.writeString(javaExe, "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + args + ".tmp' && mv '" + args
                + ".tmp' '" + args + "'\n");
        Files.setPosixFilePermissions(javaExe, java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE));
        String launcher = "\"" + windows(home.resolve("bin/regla.cmd")) + "\"";
        Map<String, String> withJava = Map.of("JAVA_HOME", windows(javaHome));

        Run run = wineCmd(wine, withJava, launcher + " test \"my rules\" --coverage");
        assertThat(run.exit()).as(run.out()).isZero();
        String regla = windows(home);
        assertThat(awaitLines(args)).containsExactly("-XX:+UseSerialGC", "-Xshare:auto",
                "-Dregla.home=" + regla + "\\bin\\..", "-cp", regla + "\\bin\\..\\lib\\*", "io.regla.cli.ReglaCli",
                "test", "my rules", "--coverage");
        Files.delete(args);
        run = wineCmd(wine, withJava, launcher + " versions");
        assertThat(awaitLines(args)).startsWith("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
                .endsWith("io.regla.cli.ReglaCli", "versions");

        Files.delete(javaExe);
        Files.copy(tmp.resolve("wineprefix/drive_c/windows/system32/reg.exe"), javaExe);
        run = wineCmd(wine, withJava, launcher + " versions");
        assertThat(run.exit()).as("java.exe's exit code, handed back: %s", run.out()).isEqualTo(1);

        Files.delete(javaExe);
        run = wineCmd(wine, withJava, launcher + " versions");
        assertThat(run.exit()).as(run.out()).isEqualTo(3);
        assertThat(run.out()).contains("regla: JAVA_HOME has no bin\\java.exe");
        run = wineCmd(wine, Map.of(), launcher + " versions");
        assertThat(run.exit()).as(run.out()).isEqualTo(3);
        assertThat(run.out()).contains("regla: no Java runtime found");
    }

    @Test
    void theTarGzHoldsTheSameLayoutWithAnExecutableLauncher() throws IOException {
        Path tarGz = Path.of(System.getProperty("regla.zip").replaceFirst("\\.zip$", ".tar.gz"));
        Map<String, Integer> modes = tarModes(tarGz);
        String base = home.getFileName() + "/";
        assertThat(modes).containsKeys(base + "bin/regla", base + "bin/regla.cmd", base + "README.md",
                base + "service/regla.service", base + "service/regla-service.xml",
                base + "rules/nursery/mailing/1.2.0/survey-settings.csv");
        assertThat(modes.get(base + "bin/regla") & 0111).as("bin/regla executable by all").isEqualTo(0111);
        assertThat(modes.keySet()).anyMatch(n -> n.startsWith(base + "lib/regla-cli-"))
                .anyMatch(n -> n.startsWith(base + "lib/drools-engine-"));
    }

    /** Each entry's path and permission bits, from the tar's own headers (ustar, GNU long names). */
    private static Map<String, Integer> tarModes(Path tarGz) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(tarGz))) {
            byte[] h = new byte[512];
            String longName = null;
            while (in.readNBytes(h, 0, 512) == 512 && h[0] != 0) {
                long size = octal(h, 124, 12);
                long padded = (size + 511) / 512 * 512;
                if (h[156] == 'L') { // GNU: the next entry's name, too long for its header
                    longName = new String(in.readNBytes((int) padded), 0, (int) size, StandardCharsets.UTF_8).replace("\0", "");
                    continue;
                }
                String name = text(h, 0, 100);
                String prefix = text(h, 257, 6).startsWith("ustar") ? text(h, 345, 155) : "";
                if (longName != null) {
                    name = longName;
                    longName = null;
                } else if (!prefix.isEmpty()) {
                    name = prefix + "/" + name;
                }
                out.put(name, (int) octal(h, 100, 8));
                in.skipNBytes(padded);
            }
        }
        return out;
    }

    private static String text(byte[] h, int from, int length) {
        int end = from;
        while (end < from + length && h[end] != 0) end++;
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int from, int length) {
        String t = text(h, from, length).trim();
        return t.isEmpty() ? 0 : Long.parseLong(t, 8);
    }
}
