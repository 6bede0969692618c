package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.events.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tunnelwatch parse} as a user runs it: the real jar over a file and over stdin. */
class ParseCommandIT {

    private static final Path FIXTURE = Path.of("src", "test", "resources", "syslog", "parse-fixture.log")
            .toAbsolutePath();

    @TempDir
    Path work;

    @Test
    void shouldPrintOneJsonObjectPerLineOfAFileNamedByTheInventory() throws Exception {
        Path inventory = Files.writeString(work.resolve("inventory.yaml"), """
                devices:
                  - name: rtr-hq-1
                    addresses: [192.0.2.1]
                """);
        try (TunnelwatchProcess p = TunnelwatchProcess.start(work, "parse", "--inventory", inventory.toString(),
                "--device", "192.0.2.1", FIXTURE.toString())) {
            assertThat(p.waitForExit(60)).as(p.describe()).isZero();

            List<JsonNode> out = json(p.stdout());
            assertThat(out).extracting(n -> n.get("kind").asText())
                    .containsExactly("SESSION_DOWN", "SESSION_UP", "ignored", "unparsed", "unparsed");
            assertThat(out.get(0).get("device").asText()).isEqualTo("rtr-hq-1");
            assertThat(out.get(0).get("peer").asText()).isEqualTo("198.51.100.7");
            assertThat(out.get(1).get("routerTime").asText()).isEqualTo("*Nov 26 10:00:02.456");
            assertThat(out.get(1).get("fields").get("nat_t").asText()).isEqualTo("true");
            assertThat(out.get(2).get("mnemonic").asText()).isEqualTo("SYS-5-CONFIG_I");
            assertThat(out.get(3).get("reason").asText()).isEqualTo("empty");
            assertThat(out.get(4).get("reason").asText()).isEqualTo("no_cisco_mnemonic");
            assertThat(out.get(4).get("line").asText()).isEqualTo("this line is not from a router");
        }
    }

    @Test
    void shouldTieRoutingLinesToTheTunnelPeerTheInventoryPutsThemBehind() throws Exception {
        Path inventory = Files.writeString(work.resolve("inventory.yaml"), """
                devices:
                  - name: rtr-hq-1
                    addresses: [192.0.2.1]
                    peers:
                      - address: 198.51.100.7
                        tunnel: Tunnel7
                        routingNeighbors: [169.254.22.4/30]
                """);
        try (TunnelwatchProcess p = TunnelwatchProcess.start(work, "parse", "--inventory", inventory.toString(),
                "--device", "rtr-hq-1")) {
            p.input("%BGP-5-ADJCHANGE: neighbor 169.254.22.6 Down BGP Notification sent\n"
                    + "*Jul 30 19:50:16.136: %OSPFv3-5-ADJCHG: Process 1, IPv6, Nbr 2.2.2.2 on Tunnel7 from FULL to"
                    + " DOWN, Neighbor Down: Dead timer expired\n");
            assertThat(p.waitForExit(60)).as(p.describe()).isZero();

            List<JsonNode> out = json(p.stdout());
            assertThat(out).extracting(n -> n.get("kind").asText())
                    .containsExactly("ROUTING_ADJACENCY_DOWN", "ROUTING_ADJACENCY_DOWN");
            assertThat(out).extracting(n -> n.get("peer").asText()).containsOnly("198.51.100.7");
        }
    }

    @Test
    void shouldReadStdinWhenGivenNoFile() throws Exception {
        try (TunnelwatchProcess p = TunnelwatchProcess.start(work, "parse")) {
            p.input("*Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP.  Peer 192.0.2.7:500\n"
                    + "hello\n");
            assertThat(p.waitForExit(60)).as(p.describe()).isZero();

            List<JsonNode> out = json(p.stdout());
            assertThat(out).extracting(n -> n.get("kind").asText()).containsExactly("SESSION_UP", "unparsed");
            assertThat(out.get(0).get("device").asText()).isEqualTo("console");
        }
    }

    @Test
    void shouldEndWithOneLineWhenAFileIsMissing() throws Exception {
        try (TunnelwatchProcess p = TunnelwatchProcess.start(work, "parse", "no-such.log")) {
            assertThat(p.waitForExit(60)).isEqualTo(1);
            assertThat(p.stdout()).isEmpty();
            assertThat(p.stderr()).singleElement().asString().startsWith("tunnelwatch: ").contains("no-such.log");
        }
    }

    @Test
    void shouldStopQuietlyWhenTheReaderOfItsOutputGoesAway() throws Exception {
        // Enough lines to overflow the pipe's buffer after head has gone: the write then fails with EPIPE.
        Path big = work.resolve("big.log");
        Files.write(big, Collections.nCopies(20_000,
                "*Nov 26 10:00:01.123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP.  Peer 192.0.2.7:500"));
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process shell = new ProcessBuilder("bash", "-o", "pipefail", "-c",
                "'" + javaBin + "' -Xmx256m -jar '" + TunnelwatchProcess.JAR.toAbsolutePath() + "' parse '" + big
                        + "' | head -n 1")
                .redirectErrorStream(false).start();
        String stdout = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(shell.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(shell.exitValue()).as(stderr).isZero();
        assertThat(stderr).isEmpty();
        assertThat(stdout.lines().toList()).singleElement().asString().contains("\"kind\":\"SESSION_UP\"");
    }

    private static List<JsonNode> json(List<String> lines) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines) {
            nodes.add(Json.mapper().readTree(line));
        }
        return nodes;
    }
}
