package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run configured with known secrets — an SNMPv2c community, SNMPv3 auth and priv keys, an HTTP bearer token, a
 * Kafka client password — and fed traps with a wrong community and wrong v3 keys, polls that fail, and syslog: not
 * one of the secrets appears in anything the run gives out (its stdout and stderr, {@code /metrics}, {@code /peers},
 * the fleet page, {@code /readyz}, a refusal, and {@code explain}).
 */
class SecretsStayHiddenIT {

    private static final String COMMUNITY = "c0mmun1ty-5ecret-A1";
    private static final String AUTH_KEY = "authKey-5ecret-B2";
    private static final String PRIV_KEY = "privKey-5ecret-C3";
    private static final String TOKEN = "t0ken-5ecret-D4";
    private static final String KAFKA_PASSWORD = "kafka-5ecret-E5";
    private static final String WRONG_COMMUNITY = "wr0ng-5ecret-G7";
    private static final String WRONG_AUTH_KEY = "wr0ngAuth-5ecret-H8";
    private static final List<String> SECRETS = List.of(COMMUNITY, AUTH_KEY, PRIV_KEY, TOKEN, KAFKA_PASSWORD,
            WRONG_COMMUNITY, WRONG_AUTH_KEY);
    private static final String ENGINE_ID = "80001f8880aabbccdd01020305";
    private static final String PEER = "198.51.100.7";

    @TempDir
    Path work;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private int httpPort;
    private int trapPort;

    @Test
    void noConfiguredOrOfferedSecretAppearsInAnyOutputOfARun() throws Exception {
        int silentAgent = PortProbe.freePort(); // nobody answers: every poll fails, and says so
        Path inventory = Files.writeString(work.resolve("inventory.yml"), """
                devices:
                  - name: rtr-a
                    addresses: [127.0.0.1]
                    snmp: {version: 2c, community: %s, port: %d, pollInterval: 2s}
                    peers:
                      - address: %s
                  - name: rtr-b
                    addresses: [127.0.0.2]
                    snmp: {version: 3, user: twuser, authProtocol: SHA, authKey: %s, privProtocol: AES,
                           privKey: %s, engineId: %s, port: %d, pollInterval: 2s}
                """.formatted(COMMUNITY, silentAgent, PEER, AUTH_KEY, PRIV_KEY, ENGINE_ID, silentAgent));
        Path token = Files.writeString(work.resolve("token"), TOKEN + "\n");
        Path kafkaConfig = Files.writeString(work.resolve("kafka.properties"),
                "ssl.truststore.password=" + KAFKA_PASSWORD + "\n");
        httpPort = PortProbe.freePort();
        trapPort = PortProbe.freePort();
        int syslogPort = PortProbe.freePort();

        try (TunnelwatchProcess run = TunnelwatchProcess.start(work, "run",
                "--data-dir", work.resolve("data").toString(),
                "--kafka-port", String.valueOf(PortProbe.freePort()),
                "--kafka-controller-port", String.valueOf(PortProbe.freePort()),
                "--kafka-config", kafkaConfig.toString(),
                "--inventory", inventory.toString(),
                "--syslog-host", "127.0.0.1", "--syslog-port", String.valueOf(syslogPort),
                "--trap-host", "127.0.0.1", "--trap-port", String.valueOf(trapPort),
                "--http-host", "127.0.0.1", "--http-port", String.valueOf(httpPort),
                "--http-bearer-token-file", token.toString())) {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .failFast("tunnelwatch exited", () -> !run.isAlive())
                    .until(() -> run.printed("tunnelwatch run is ready"));

            snmptrap("-v", "2c", "-c", WRONG_COMMUNITY);
            snmptrap("-v", "2c", "-c", COMMUNITY);
            snmptrap("-v3", "--clientaddr=127.0.0.2", "-e", "0x" + ENGINE_ID, "-u", "twuser", "-l", "authPriv",
                    "-a", "SHA", "-A", WRONG_AUTH_KEY, "-x", "AES", "-X", PRIV_KEY);
            SyslogSender.udp(syslogPort, SyslogSender.sessionStatus(1, "DOWN", PEER, 500));

            // Everything above has been handled: the traps counted by outcome, polls failed, the peer known.
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                String metrics = get("/metrics", TOKEN).body();
                return metrics.contains("outcome=\"rejected_community\"")
                        && metrics.matches("(?s).*tunnelwatch_snmp_polls_total\\{outcome=\"timeout\"} [1-9].*")
                        && get("/peers/rtr-a/" + PEER, TOKEN).statusCode() == 200;
            });
            record("/metrics", get("/metrics", TOKEN));
            record("/peers", get("/peers", TOKEN));
            record("/peers/rtr-a", get("/peers/rtr-a", TOKEN));
            record("/peers/rtr-a/" + PEER, get("/peers/rtr-a/" + PEER, TOKEN));
            record("/ (html)", get("/", TOKEN));
            record("/readyz", get("/readyz", null));
            HttpResponse<String> refused = get("/metrics", "not-" + TOKEN);
            assertThat(refused.statusCode()).isEqualTo(401);
            record("refusal", refused);
            try (TunnelwatchProcess explain = TunnelwatchProcess.start(work, "explain", "rtr-a", PEER,
                    "--url", "http://127.0.0.1:" + httpPort, "--http-bearer-token-file", token.toString())) {
                assertThat(explain.waitForExit(60)).as(explain.describe()).isZero();
                outputs.put("explain", explain.describe());
            }

            assertThat(run.stop(60)).as("still running 60 s after SIGTERM").isNotEqualTo(-1);
            outputs.put("run stdout and stderr", run.describe());
            assertThat(run.stdout()).as(run.describe()).anyMatch(l -> l.startsWith("tunnelwatch stopped in "));
        }

        // The outputs are about the devices the secrets belong to, so the search below had something to find.
        assertThat(outputs.get("/metrics")).contains("rtr-a");
        assertThat(outputs.get("explain")).contains(PEER);
        assertThat(outputs.get("run stdout and stderr")).contains("SNMP poll of rtr-").contains("refused");
        for (Map.Entry<String, String> output : outputs.entrySet()) {
            for (String secret : SECRETS) {
                assertThat(output.getValue()).as("%s must not show %s", output.getKey(), secret)
                        .doesNotContain(secret);
            }
        }
    }

    private void record(String what, HttpResponse<String> response) {
        outputs.put(what, response.statusCode() + " " + response.headers().map() + "\n" + response.body());
    }

    private HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (path.equals("/")) {
            request.header("Accept", "text/html");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void snmptrap(String... credentials) throws Exception {
        List<String> args = new ArrayList<>(List.of(credentials));
        args.add("udp:127.0.0.1:" + trapPort);
        args.addAll(List.of(TrapToKafkaIT.STOP_VARBINDS));
        Snmptrap.send(work, args);
    }
}
