package io.tunnelwatch.collector.snmp.poll;

import static io.tunnelwatch.collector.snmp.poll.SnmpPollerIT.PEER_A;
import static io.tunnelwatch.collector.snmp.poll.SnmpPollerIT.PEER_A_HEX;
import static io.tunnelwatch.collector.snmp.poll.SnmpPollerIT.PEER_B;
import static io.tunnelwatch.collector.snmp.poll.SnmpPollerIT.PEER_B_HEX;
import static io.tunnelwatch.collector.snmp.poll.SnmpPollerIT.saRow;
import static io.tunnelwatch.collector.snmp.poll.SnmpPollerIT.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.TunnelIndex;
import io.tunnelwatch.events.CounterSample;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real net-snmp agents with the same SNMPv3 user name and different passphrases (authPriv SHA/AES), polled
 * through one {@link Snmp4jClient}: each user is localized to its own agent's snmpEngineID (RFC 3414 §2.6), so the
 * two never take each other's keys, a wrong passphrase fails only its own device, and a router replaced under the
 * same address with a new engine ID is rediscovered.
 */
class SnmpV3SharedUserIT {

    private static final String USER = "tunnelwatch";
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;
    private NetSnmpAgent east;
    private NetSnmpAgent west;
    private Snmp4jClient client;
    private SimpleMeterRegistry registry;
    private SnmpPoller poller;

    @BeforeEach
    void startAgents() throws Exception {
        east = agent("east", "tw-east", "east-auth-pass", "east-priv-pass");
        east.serve(table(List.of(saRow(1, 11, PEER_A_HEX, 500, 70, 80, 7_000, 8_000))));
        west = agent("west", "tw-west", "west-auth-pass", "west-priv-pass");
        west.serve(table(List.of(saRow(2, 12, PEER_B_HEX, 500, 90, 95, 9_000, 9_500))));
        client = new Snmp4jClient();
        registry = new SimpleMeterRegistry();
        poller = new SnmpPoller(client, sample -> true, new TunnelIndex(), Clock.systemUTC(), CounterLimits.DEFAULT,
                4, registry);
    }

    @AfterEach
    void stopAgents() throws Exception {
        poller.close();
        client.close();
        east.close();
        west.close();
    }

    /** An snmpd whose engine ID is built from {@code engineText} (net-snmp's {@code engineID} directive). */
    private NetSnmpAgent agent(String name, String engineText, String authPass, String privPass) throws Exception {
        return new NetSnmpAgent(dir.resolve(name), v3Config(engineText, authPass, privPass));
    }

    private static List<String> v3Config(String engineText, String authPass, String privPass) {
        return List.of("engineID " + engineText, "createUser " + USER + " SHA " + authPass + " AES " + privPass,
                "rouser " + USER + " priv");
    }

    /** net-snmp's text engine ID: enterprise 8072 with the high bit set, format 4 (text), then the text. */
    private static String engineIdHex(String engineText) {
        return "80001f8804" + HexFormat.of().formatHex(engineText.getBytes(StandardCharsets.US_ASCII));
    }

    private static SnmpDevice device(String name, NetSnmpAgent agent, String authPass, String privPass,
                                     String engineId, String peer) {
        return new SnmpDevice(name, InetAddress.getLoopbackAddress(), agent.port(),
                new SnmpDevice.V3(USER, "SHA", authPass, "AES", privPass, engineId), Set.of(peer),
                new SnmpDevice.Schedule(Duration.ofSeconds(60), Duration.ZERO, Duration.ofSeconds(1), 2));
    }

    /**
     * snmpd takes a moment to start: polls both agents with the right passphrases through a client of their own,
     * so the client under test starts cold and its first polls of the two devices overlap.
     */
    private void awaitAgentsUp() {
        try (var probeClient = new Snmp4jClient();
             var probe = new SnmpPoller(probeClient, sample -> true, new TunnelIndex(), Clock.systemUTC(),
                     CounterLimits.DEFAULT, 2, new SimpleMeterRegistry())) {
            awaitAnswered(probe, device("rtr-east", east, "east-auth-pass", "east-priv-pass", null, PEER_A));
            awaitAnswered(probe, device("rtr-west", west, "west-auth-pass", "west-priv-pass", null, PEER_B));
        }
    }

    /** Polls until the device answers once. */
    private static void awaitAnswered(SnmpPoller through, SnmpDevice device) {
        await().atMost(Duration.ofSeconds(20)).until(() -> through.pollOnce(device).join().get(0).deviceAnswered());
    }

    private double polls(String outcome) {
        return registry.get("tunnelwatch.snmp.polls").tag("outcome", outcome).counter().count();
    }

    private static void assertAnsweredWith(List<CounterSample> samples, long inPkts) {
        assertThat(samples).singleElement().satisfies(s -> {
            assertThat(s.deviceAnswered()).isTrue();
            assertThat(s.totals().inPkts()).isEqualTo(inPkts);
        });
    }

    @Test
    void shouldPollTwoAgentsSharingAUserNameWithDifferentPassphrasesOnEveryInterleavedPoll() throws Exception {
        var eastDevice = device("rtr-east", east, "east-auth-pass", "east-priv-pass", null, PEER_A);
        var westDevice = device("rtr-west", west, "west-auth-pass", "west-priv-pass", null, PEER_B);
        awaitAgentsUp();

        // east is slow to answer its first poll, so west's whole poll falls within it: a user table keyed by name
        // alone would by then hold west's passphrases when east's engine ID arrives
        east.pause();
        CompletableFuture<List<CounterSample>> slowEast = poller.pollOnce(eastDevice);
        assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);
        east.resume();
        assertAnsweredWith(slowEast.join(), 70);

        for (int round = 0; round < ROUNDS; round++) {
            // both at once, then one after the other
            CompletableFuture<List<CounterSample>> bothEast = poller.pollOnce(eastDevice);
            CompletableFuture<List<CounterSample>> bothWest = poller.pollOnce(westDevice);
            assertAnsweredWith(bothWest.join(), 90);
            assertAnsweredWith(bothEast.join(), 70);
            assertAnsweredWith(poller.pollOnce(eastDevice).join(), 70);
            assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);
        }

        assertThat(polls("ok")).isEqualTo(2 + 4 * ROUNDS);
        assertThat(polls("timeout") + polls("report") + polls("error")).isZero();
    }

    @Test
    void shouldPollAnAgentWhoseEngineIdIsConfiguredNextToOneWhoseEngineIdIsDiscovered() {
        var eastDevice = device("rtr-east", east, "east-auth-pass", "east-priv-pass", engineIdHex("tw-east"), PEER_A);
        var westDevice = device("rtr-west", west, "west-auth-pass", "west-priv-pass", null, PEER_B);
        awaitAgentsUp();

        for (int round = 0; round < ROUNDS / 4; round++) {
            CompletableFuture<List<CounterSample>> eastPoll = poller.pollOnce(eastDevice);
            assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);
            assertAnsweredWith(eastPoll.join(), 70);
        }
    }

    @Test
    void shouldFailOnlyTheDeviceWithAWrongPassphraseWhileTheOtherKeepsAnswering() throws Exception {
        var wrongEast = device("rtr-east", east, "not-the-east-pass", "east-priv-pass", null, PEER_A);
        var westDevice = device("rtr-west", west, "west-auth-pass", "west-priv-pass", null, PEER_B);
        awaitAgentsUp();

        int rounds = 3;
        for (int round = 0; round < rounds; round++) {
            CompletableFuture<List<CounterSample>> wrong = poller.pollOnce(wrongEast);
            assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);
            assertThat(wrong.join()).singleElement().satisfies(s -> assertThat(s.deviceAnswered()).isFalse());
        }

        assertThat(polls("ok")).isEqualTo(rounds);
        // net-snmp drops a wrong digest silently (usmStatsWrongDigests): the engine was found, the keys are wrong
        assertThat(polls("timeout") + polls("report")).isEqualTo(rounds);
        assertThat(polls("engine_discovery_failed")).isZero();
    }

    @Test
    void shouldCountAFailedEngineDiscoveryWhileTheOtherDeviceKeepsAnsweringAndDiscoverAgainNextPoll()
            throws Exception {
        var eastDevice = device("rtr-east", east, "east-auth-pass", "east-priv-pass", null, PEER_A);
        var westDevice = device("rtr-west", west, "west-auth-pass", "west-priv-pass", null, PEER_B);
        awaitAgentsUp();
        assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);

        east.pause();
        CompletableFuture<List<CounterSample>> silent = poller.pollOnce(eastDevice);
        for (int round = 0; round < 3; round++) {
            assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);
        }
        assertThat(silent.join()).singleElement().satisfies(s -> assertThat(s.deviceAnswered()).isFalse());
        assertThat(polls("engine_discovery_failed")).isEqualTo(1);

        east.resume();
        assertAnsweredWith(poller.pollOnce(eastDevice).join(), 70);
        assertThat(polls("ok")).isEqualTo(5);
    }

    @Test
    void shouldRediscoverTheEngineIdOfAnAgentReplacedOnTheSameAddress() throws Exception {
        var eastDevice = device("rtr-east", east, "east-auth-pass", "east-priv-pass", null, PEER_A);
        var westDevice = device("rtr-west", west, "west-auth-pass", "west-priv-pass", null, PEER_B);
        awaitAgentsUp();
        assertAnsweredWith(poller.pollOnce(eastDevice).join(), 70);
        assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);

        int port = east.port();
        east.close();
        east = new NetSnmpAgent(dir.resolve("east-replaced"),
                v3Config("tw-east-replaced", "east-auth-pass", "east-priv-pass"), port);
        east.serve(table(List.of(saRow(3, 13, PEER_A_HEX, 10, 5, 6, 500, 600))));
        awaitAgentsUp();

        // the new agent's usmStatsUnknownEngineIDs report names a user SNMP4J holds for no such engine, so it is
        // dropped: the poll times out. An engine that answered and went silent is looked up again on the next poll.
        assertThat(poller.pollOnce(eastDevice).join()).singleElement()
                .satisfies(s -> assertThat(s.deviceAnswered()).isFalse());
        assertThat(polls("timeout")).isEqualTo(1);
        for (int round = 0; round < ROUNDS / 4; round++) {
            assertAnsweredWith(poller.pollOnce(eastDevice).join(), 5);
            assertAnsweredWith(poller.pollOnce(westDevice).join(), 90);
        }
        assertThat(polls("engine_discovery_failed") + polls("report") + polls("error")).isZero();
    }
}
