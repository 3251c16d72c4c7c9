package io.regla.adapters.http.serve;

import io.regla.cli.ReglaCli;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --store dynamodb}: the CLI against DynamoDB Local served over HTTP, configured from the environment. */
class DynamoDbCliTest {

    static DynamoDBProxyServer server;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server = ServerRunner.createServerFromCommandLineArgs(new String[]{"-inMemory", "-port", String.valueOf(port)});
        server.start();
        // DynamoDB Local accepts any credentials; the SDK wants some
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Test
    void usersAndTokensLiveInTheDynamoDbTable() {
        UsersCommand.environment = Map.of("REGLA_DYNAMODB_ENDPOINT", "http://127.0.0.1:" + port, "AWS_REGION", "us-east-1",
                "REGLA_DYNAMODB_TABLE", "regla-cli-test");
        try {
            CommandLine cli = ReglaCli.commandLine();
            StringWriter out = new StringWriter();
            cli.setOut(new PrintWriter(out, true));
            UsersCommand.stdin = new ByteArrayInputStream("a-long-password\n".getBytes(StandardCharsets.UTF_8));
            assertThat(cli.execute("users", "add", "ana", "--role", "DIRECTOR", "--campus", "C01", "--store", "dynamodb",
                    "--password-stdin")).isZero();
            assertThat(cli.execute("tokens", "create", "--role", "ADMIN", "--store", "dynamodb")).isZero();
            assertThat(cli.execute("users", "list", "--store", "dynamodb")).isZero();
            assertThat(out.toString()).contains("added ana (DIRECTOR C01)").containsPattern("rgl_[0-9a-f]{12}_")
                    .contains("ana\tDIRECTOR\tC01");
        } finally {
            UsersCommand.environment = System.getenv();
        }
    }
}
