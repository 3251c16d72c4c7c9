package io.regla.distribution;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * service/regla.service (systemd) and service/regla-service.xml (WinSW) as shipped: each starts {@code regla serve} with
 * options the command really has, keeps its store and mail in the folder the service runs in, restarts after a crash,
 * counts a stop by SIGTERM/Ctrl+C as clean, and takes secrets from outside its command line.
 */
class ServiceDefinitionsTest {

    private static final Path SERVICE = Path.of("src/dist/service");

    /** The options {@code serve} was given, as picocli parses them (a misspelt option fails here). */
    private static CommandLine.ParseResult serve(List<String> args) {
        assertThat(args.get(0)).isEqualTo("serve");
        CommandLine.ParseResult root = ReglaCli.commandLine().parseArgs(args.toArray(String[]::new));
        assertThat(root.subcommand().commandSpec().name()).isEqualTo("serve");
        return root.subcommand();
    }

    private static Map<String, String> systemdService() throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(SERVICE.resolve("regla.service"))) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("[")) {
                section = line;
                continue;
            }
            int eq = line.indexOf('=');
            assertThat(eq).as("not a key=value line: %s", line).isPositive();
            String key = section + line.substring(0, eq);
            keys.merge(key, line.substring(eq + 1), (a, b) -> a + "\n" + b);
        }
        return keys;
    }

    @Test
    void theSystemdUnitRunsServeAsItsUserInItsDataFolder() throws Exception {
        Map<String, String> unit = systemdService();
        String home = unit.get("[Service]WorkingDirectory");
        assertThat(home).isEqualTo("/var/lib/regla");
        assertThat(unit.get("[Service]User")).isEqualTo("regla");
        assertThat(unit.get("[Service]Restart")).isEqualTo("on-failure");
        assertThat(unit.get("[Service]EnvironmentFile")).isEqualTo("-/etc/regla/regla.env");
        assertThat(unit.get("[Service]SuccessExitStatus")).as("the JVM's exit after SIGTERM").contains("143");
        assertThat(unit.get("[Install]WantedBy")).isEqualTo("multi-user.target");

        List<String> exec = new ArrayList<>(Arrays.asList(unit.get("[Service]ExecStart").split(" +")));
        assertThat(exec.remove(0)).isEqualTo("/opt/regla/bin/regla");
        CommandLine.ParseResult serve = serve(exec);
        assertThat(value(serve, "--db")).startsWith(home + "/");
        assertThat(value(serve, "--mail-dir")).startsWith(home + "/");
        assertThat(String.join(" ", exec)).doesNotContainIgnoringCase("key").doesNotContainIgnoringCase("token")
                .doesNotContainIgnoringCase("password");

        String install = Files.readString(SERVICE.resolve("regla.service"));
        assertThat(install).contains("/opt/regla").contains("useradd --system --home " + home + " regla")
                .contains("sudo -u regla /opt/regla/bin/regla users add").contains("--db " + value(serve, "--db"));
    }

    /** A Windows command line split as the Java launcher splits it: on spaces, double quotes grouping and removed. */
    static List<String> windowsArguments(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder arg = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : line.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) out.add(arg.toString());
                arg.setLength(0);
                any = false;
            } else {
                arg.append(c);
                any = true;
            }
        }
        assertThat(quoted).as("unclosed quote in %s", line).isFalse();
        if (any) out.add(arg.toString());
        return out;
    }

    @Test
    void theWinswDefinitionRunsServeWithJavaOverTheDistributionsJars() throws Exception {
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(SERVICE.resolve("regla-service.xml").toFile());
        Element service = xml.getDocumentElement();
        assertThat(service.getTagName()).isEqualTo("service");
        assertThat(text(service, "id")).isEqualTo("regla");
        // java itself, not bin\regla.cmd: WinSW's stop (Ctrl+C) then reaches the JVM, whose shutdown hook closes the store
        assertThat(text(service, "executable")).isEqualTo("java");
        String workingDirectory = text(service, "workingdirectory");
        assertThat(workingDirectory).isEqualTo("%ProgramData%\\Regla");
        assertThat(((Element) service.getElementsByTagName("onfailure").item(0)).getAttribute("action")).isEqualTo("restart");
        assertThat(text(service, "stoptimeout")).isNotBlank();
        assertThat(text(service, "logpath")).startsWith(workingDirectory + "\\");

        List<String> args = windowsArguments(text(service, "arguments"));
        int cp = args.indexOf("-cp");
        assertThat(cp).isNotNegative();
        // %BASE% is the folder of regla-service.exe, service\ in the distribution: lib\ is beside it
        assertThat(args.get(cp + 1)).isEqualTo("%BASE%\\..\\lib\\*");
        assertThat(args.get(cp + 2)).isEqualTo(ReglaCli.class.getName());
        assertThat(args.subList(0, cp)).allMatch(a -> a.startsWith("-"));
        CommandLine.ParseResult serve = serve(args.subList(cp + 3, args.size()));
        assertThat(value(serve, "--db")).startsWith(workingDirectory + "\\");
        assertThat(value(serve, "--mail-dir")).startsWith(workingDirectory + "\\");
        assertThat(String.join(" ", args)).doesNotContainIgnoringCase("key").doesNotContainIgnoringCase("token")
                .doesNotContainIgnoringCase("password");
        assertThat(Files.readString(SERVICE.resolve("regla-service.xml"))).contains("<env name=\"MANDRILL_API_KEY\"");
        assertThat(Files.readString(Path.of("src/dist/README.md")))
                .contains("users add admin --role ADMIN --db \"" + value(serve, "--db") + "\"");
    }

    private static String value(CommandLine.ParseResult command, String option) {
        assertThat(command.hasMatchedOption(option)).as(option).isTrue();
        return command.matchedOption(option).getValue().toString();
    }

    private static String text(Element parent, String tag) {
        assertThat(parent.getElementsByTagName(tag).getLength()).as("<%s>", tag).isEqualTo(1);
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }
}
