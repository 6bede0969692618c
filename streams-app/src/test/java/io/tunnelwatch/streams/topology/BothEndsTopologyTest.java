package io.tunnelwatch.streams.topology;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.DeviceAddress;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.peer.PeerStateListener;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.verdict.AlertRecord;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Both ends of a tunnel monitored (docs/architecture.md#detectors-and-alerts): rtr-a (192.0.2.1) has peer rtr-b
 * (198.51.100.7)
 * and rtr-b has peer rtr-a. Their partitions differ; the tunnel-pair joiner brings the far end's polls and rekeys to
 * each end, and the alerts name the direction that loses packets and the rekey an invalid SPI follows.
 */
class BothEndsTopologyTest {

    private static final String A = "rtr-a";
    private static final String B = "rtr-b";
    private static final String A_ADDRESS = "192.0.2.1";
    private static final String B_ADDRESS = "198.51.100.7";

    @TempDir
    Path stateDir;

    private AlertTopologyDriver tw;
    private TestInputTopic<String, DeviceAddress> addresses;

    @BeforeEach
    void start() {
        tw = new AlertTopologyDriver(stateDir, T0, PeerStateListener.NONE);
        addresses = tw.driver().createInputTopic(Topics.DEVICE_ADDRESSES.name(),
                Topics.DEVICE_ADDRESSES.keySerde().serializer(), Topics.DEVICE_ADDRESSES.valueSerde().serializer());
    }

    @AfterEach
    void stop() {
        tw.close();
    }

    @Test
    void shouldNameTheLossyDirectionOnBothEnds() {
        monitorBoth();
        bothUp();
        for (int i = 1; i <= 3; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 100, 100));
            tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30L * i + 5), 100, 0));
        }
        // rtr-b's one-way picture waits for rtr-a's next poll, which is newer than its own
        tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(120), 100, 100));

        List<AlertRecord> alerts = tw.alerts();
        String lossAtoB = "rtr-a→rtr-b packets leave rtr-a (encaps +300) but rtr-b decapsulates none: loss in the"
                + " path rtr-a→rtr-b or rtr-b drops them";
        AlertRecord atB = latest(alerts, B);
        assertThat(atB.alert()).isEqualTo("DecapsStalled");
        assertThat(atB.cause()).isEqualTo(lossAtoB);
        assertThat(atB.evidence()).contains("both ends over their last 3 polls: rtr-b encaps +300 decaps +0,"
                + " rtr-a encaps +300 decaps +300");
        AlertRecord atA = latest(alerts, A);
        assertThat(atA.alert()).isEqualTo("DecapsStalled");
        assertThat(atA.action()).isEqualTo(AlertRecord.Action.OPENED);
        assertThat(atA.cause()).isEqualTo(lossAtoB);

        // The path heals: rtr-b decapsulates again, both alerts resolve.
        for (int i = 4; i <= 6; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 100, 100));
            tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30L * i + 5), 100, 100));
        }
        tw.advance(Duration.ofMinutes(10));
        assertThat(tw.alerts()).extracting(AlertRecord::action).containsOnly(AlertRecord.Action.RESOLVED)
                .hasSize(2);
    }

    @Test
    void shouldSayTheReturnTrafficIsMissingAtTheFarEndRatherThanLostOnThePath() {
        monitorBoth();
        bothUp();
        for (int i = 1; i <= 3; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 100, 0));
            tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30L * i + 5), 0, 100));
        }
        tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(120), 100, 0));

        List<AlertRecord> alerts = tw.alerts();
        String missingAtB = "rtr-b decapsulates rtr-a's packets (decaps +300) but encrypts nothing back (encaps +0):"
                + " the return traffic is missing at rtr-b (its routing or crypto ACL), not lost on the path";
        assertThat(latest(alerts, A).alert()).isEqualTo("DecapsStalled");
        assertThat(latest(alerts, A).cause()).isEqualTo(missingAtB);
        assertThat(latest(alerts, B).alert()).isEqualTo("EncapsStalled");
        assertThat(latest(alerts, B).cause()).isEqualTo(missingAtB);
    }

    /**
     * The far end's stall starts one poll later than this end sees it: this end's third flat poll arrives while the
     * far end's polls still hold a partly healthy one. The alert waits for the far end's next poll, so its cause is
     * the same whichever end's poll the tracker handles first.
     */
    @Test
    void shouldWaitForTheFarEndsNextPollBeforeNamingTheCause() {
        monitorBoth();
        bothUp();
        healthyPolls(1, 1);
        tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(55), 50, 100)); // rtr-b stops sending within this poll
        for (int i = 2; i <= 4; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 100, 0));
            if (i < 4) {
                tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30L * i + 25), 0, 100));
            }
        }
        assertThat(tw.alerts()).as("rtr-a's third flat poll, rtr-b's newest poll older than it").isEmpty();

        tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(145), 0, 100));

        AlertRecord atA = latest(tw.alerts(), A);
        assertThat(atA.alert()).isEqualTo("DecapsStalled");
        assertThat(atA.cause()).startsWith("rtr-b decapsulates rtr-a's packets (decaps +300) but encrypts nothing"
                + " back");
    }

    /**
     * Both routers polled in the same rounds, in either order within a round: rtr-a stops encrypting between rtr-b's
     * walk and its own in the round at 30 s, so rtr-b's window of three polls that ends after rtr-a's third flat one
     * still counts a few of rtr-a's last packets. The cause waits until rtr-b's polls cover rtr-a's (rtr-b's next
     * round), whichever end's poll of a round the tracker handles first.
     */
    @ParameterizedTest(name = "far end walked first in round 4: {0}")
    @ValueSource(booleans = {true, false})
    void shouldWaitUntilTheFarEndsPollsCoverThisEndsWhenAFaultFallsBetweenTheWalksOfARound(boolean farFirst) {
        monitorBoth();
        bothUp();
        tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30), 90, 100));
        tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(31), 100, 90)); // rtr-a stops encrypting at 30.5 s
        stalledRounds(2, farFirst);
        assertThat(tw.alerts()).as("rtr-b's newest poll is newer than rtr-a's, but its window began before rtr-a's")
                .isEmpty();

        tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(150), 0, 90));
        tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(151), 90, 0));

        AlertRecord atA = latest(tw.alerts(), A);
        assertThat(atA.alert()).isEqualTo("EncapsStalled");
        assertThat(atA.cause()).isEqualTo("rtr-a decapsulates rtr-b's packets (decaps +270) but encrypts nothing back"
                + " (encaps +0): the return traffic is missing at rtr-a (its routing or crypto ACL), not lost on the"
                + " path");
    }

    /**
     * The same rounds, but rtr-a stops encrypting before both walks of the round at 30 s: rtr-b's window began before
     * rtr-a's, yet shows no change of traffic within, so the cause is named as soon as rtr-b's poll of round 4 is in,
     * in either order.
     */
    @ParameterizedTest(name = "far end walked first in round 4: {0}")
    @ValueSource(booleans = {true, false})
    void shouldNotWaitAnotherRoundForAFarEndWindowThatShowsNoChange(boolean farFirst) {
        monitorBoth();
        bothUp();
        tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30), 90, 100)); // rtr-a stopped encrypting at 29 s
        tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(31), 100, 90));
        stalledRounds(0, farFirst);

        AlertRecord atA = latest(tw.alerts(), A);
        assertThat(atA.alert()).isEqualTo("EncapsStalled");
        assertThat(atA.cause()).startsWith("rtr-a decapsulates rtr-b's packets (decaps +270) but encrypts nothing"
                + " back");
    }

    /**
     * The far end stops polling: this end waits two of its poll intervals and the far end's report's extra way
     * through the app's own topics ({@code BothEnds.FAR_END_LATENESS}, 5 s), then decides from its own counters.
     */
    @Test
    void shouldDecideFromThisEndAloneWhenTheFarEndStopsPolling() {
        monitorBoth();
        bothUp();
        healthyPolls(1, 1);
        for (int i = 2; i <= 4; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 100, 0));
        }
        tw.advance(Duration.ofSeconds(120 + 2 * 30 + 1));
        assertThat(tw.alerts()).as("two poll intervals after rtr-a's last poll, rtr-b's report may be on its way")
                .isEmpty();

        tw.advance(Duration.ofSeconds(5));

        AlertRecord atA = latest(tw.alerts(), A);
        assertThat(atA.alert()).isEqualTo("DecapsStalled");
        assertThat(atA.cause()).startsWith("one-way traffic: 198.51.100.7 sends nothing back");
    }

    @Test
    void shouldNameTheSpiDesyncWhenAnInvalidSpiFollowsTheFarEndsRekey() {
        monitorBoth();
        bothUp();
        healthyPolls(1, 2);
        tw.pipe(event(A, B_ADDRESS, EventKind.IPSEC_SA_UP, T0.plusSeconds(100), "cipSecTunnelStart"));
        tw.pipe(event(B, A_ADDRESS, EventKind.INVALID_SPI, T0.plusSeconds(103), "decaps: rec'd IPSEC packet has"
                + " invalid spi for destaddr=198.51.100.7, prot=50, spi=0x9E6D41B7(2657960375), srcaddr=192.0.2.1"));

        AlertRecord opened = latest(tw.alerts(), B);
        assertThat(opened.alert()).isEqualTo("InvalidSpi");
        assertThat(opened.cause()).startsWith("rtr-b received SPI 0x9E6D41B7 from rtr-a 3 s after rtr-a's rekey"
                + " (IPSEC_SA_UP at 2026-11-26T10:01:40Z): the SAs are out of sync");
        assertThat(opened.evidence()).first().asString().startsWith("rtr-b received SPI 0x9E6D41B7");
    }

    @Test
    void shouldNotCorrelateWhenOnlyOneEndIsMonitored() {
        addresses.pipeInput(A_ADDRESS, new DeviceAddress(1, A_ADDRESS, A), T0);
        TestOutputTopic<PeerKey, TunnelEnd> tunnelEnds = tw.driver().createOutputTopic(
                StreamsTopics.TUNNEL_ENDS.name(), StreamsTopics.TUNNEL_ENDS.keySerde().deserializer(),
                StreamsTopics.TUNNEL_ENDS.valueSerde().deserializer());
        tw.pipe(event(A, B_ADDRESS, EventKind.SESSION_UP, T0, "Crypto tunnel is UP"));
        for (int i = 1; i <= 3; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 100, 0));
        }

        AlertRecord opened = latest(tw.alerts(), A);
        assertThat(opened.alert()).isEqualTo("DecapsStalled");
        assertThat(opened.cause()).startsWith("one-way traffic: 198.51.100.7 sends nothing back");
        assertThat(opened.evidence()).noneMatch(l -> l.startsWith("both ends"));
        assertThat(tunnelEnds.isEmpty()).isTrue();
    }

    @Test
    void shouldRaiseNothingForAHealthyPairThatRekeysOrIdles() {
        monitorBoth();
        bothUp();
        healthyPolls(1, 3);
        tw.pipe(event(A, B_ADDRESS, EventKind.IPSEC_SA_UP, T0.plusSeconds(100), "cipSecTunnelStart"));
        tw.pipe(event(B, A_ADDRESS, EventKind.IPSEC_SA_UP, T0.plusSeconds(101), "cipSecTunnelStart"));
        healthyPolls(4, 6);
        for (int i = 7; i <= 10; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 0, 0));
            tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30L * i + 5), 0, 0));
        }
        tw.advance(Duration.ofHours(1));

        assertThat(tw.alerts()).isEmpty();
    }

    /**
     * Rounds 2 to 4 of a stall at rtr-a (it encrypts nothing, rtr-b sends): rtr-a walked first in rounds 2 and 3,
     * rtr-b's poll of round 2 still decapsulating {@code farDecapsRound2} packets, and round 4 in the order given.
     */
    private void stalledRounds(long farDecapsRound2, boolean farFirstInRound4) {
        tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(60), 0, 90));
        tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(61), 90, farDecapsRound2));
        tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(90), 0, 90));
        tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(91), 90, 0));
        CounterSample near = sample(A, B_ADDRESS, T0.plusSeconds(120), 0, 90);
        CounterSample far = sample(B, A_ADDRESS, T0.plusSeconds(121), 90, 0);
        tw.pipe(farFirstInRound4 ? far : near);
        tw.pipe(farFirstInRound4 ? near : far);
    }

    private void monitorBoth() {
        addresses.pipeInput(A_ADDRESS, new DeviceAddress(1, A_ADDRESS, A), T0);
        addresses.pipeInput(B_ADDRESS, new DeviceAddress(1, B_ADDRESS, B), T0);
    }

    private void bothUp() {
        tw.pipe(event(A, B_ADDRESS, EventKind.SESSION_UP, T0, "Crypto tunnel is UP"));
        tw.pipe(event(B, A_ADDRESS, EventKind.SESSION_UP, T0, "Crypto tunnel is UP"));
    }

    private void healthyPolls(int from, int to) {
        for (int i = from; i <= to; i++) {
            tw.pipe(sample(A, B_ADDRESS, T0.plusSeconds(30L * i), 100, 90));
            tw.pipe(sample(B, A_ADDRESS, T0.plusSeconds(30L * i + 5), 90, 100));
        }
    }

    private static AlertRecord latest(List<AlertRecord> alerts, String device) {
        List<AlertRecord> of = alerts.stream().filter(a -> a.device().equals(device)).toList();
        assertThat(of).as("alerts of " + device + " in " + alerts).isNotEmpty();
        return of.get(of.size() - 1);
    }

    private static TunnelEvent event(String device, String peer, EventKind kind, Instant at, String text) {
        return new TunnelEvent(TunnelEvent.VERSION, kind, null, device, peer, IkeVersion.IKEV2,
                "CRYPTO-4-" + kind.name(), 4, Map.of(), null, at, "192.0.2.250", "udp", text);
    }

    private static CounterSample sample(String device, String peer, Instant at, long encaps, long decaps) {
        CounterSample.Counters d = new CounterSample.Counters(decaps, encaps, decaps * 100, encaps * 100, 0, 0, 0, 0,
                0, 0);
        return new CounterSample(CounterSample.VERSION, device, peer, at, true, 1, null, null, d, d);
    }
}
