package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.collector.config.IngestConfig;
import io.tunnelwatch.collector.config.SnmpSettings;
import io.tunnelwatch.collector.inventory.InventoryLoader;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.topic.Topic;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.launcher.allinone.Pipeline;
import io.tunnelwatch.launcher.allinone.PipelineConfig;
import io.tunnelwatch.simulator.fault.Fault;
import io.tunnelwatch.simulator.router.Fleet;
import io.tunnelwatch.simulator.scenario.Scenario;
import io.tunnelwatch.simulator.scenario.ScenarioRun;
import io.tunnelwatch.streams.detect.BothEnds;
import io.tunnelwatch.streams.detect.DetectorSettings;
import io.tunnelwatch.streams.topology.StreamsTopics;
import io.tunnelwatch.streams.verdict.AlertRecord;
import io.tunnelwatch.testsupport.KafkaFixture;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook failures end to end: a simulated fleet (syslog, traps, SNMP agents on 127.0.1.N) plays every fault at
 * once on different tunnels of a ring against the real collector and streams app on the fixture broker, with short
 * detector thresholds. Each fault must open its alert (type, layer, cause, no unfilled {@code <placeholder>} in its
 * commands, summary or cause, and the peer named where the runbook's commands take one) on {@code tunnelwatch.alerts}
 * and on {@code /metrics}
 * within its budget (threshold + two polls + a margin), and resolve after its repair; the tunnels no fault touches
 * stay quiet. Prints one line per case: the alert seen, its layer, and the times to detect, to show on /metrics,
 * and to resolve. A second run plays a healthy fleet for a quarter of a simulated hour, through rekeys, Counter32
 * wraps and nightfall, and must raise nothing.
 */
class ScenarioSuiteIT {

    /** A runbook placeholder left unfilled ({@code <peer>}, {@code <src-if>}, {@code <crypto-acl>}...). */
    private static final java.util.regex.Pattern UNFILLED = java.util.regex.Pattern.compile("<[a-z][a-z -]*>");

    private static final int POLL_SECONDS = 2;
    private static final int COMPRESSION = 10;
    /**
     * rtr-01 to rtr-20 log with {@code debug crypto}; rtr-21 to rtr-34 at {@code logging trap informational}, where
     * every IKE and IPsec fault is played a second time (the normal-logging column).
     */
    private static final int ROUTERS = 34;
    private static final int FIRST_INFORMATIONAL = 20;
    private static final Duration STUCK = Duration.ofSeconds(6);
    private static final int FLAT_SAMPLES = 3;
    private static final Duration RESOLVE = Duration.ofSeconds(6);
    /**
     * Two of the simulated routers' symptom periods (60 s simulated = 6 s here) and a margin, so a fault's messages
     * hold even when one round of them comes late: the simulator ticks once a second and shares two cores with the
     * pipeline and another test fork in CI (the default 5 min window holds five such periods).
     */
    private static final Duration MESSAGE_WINDOW = Duration.ofSeconds(14);
    /** A flap is 30 s down and 90 s up simulated (12 s here): three cycles fit the window, two leave it quiet. */
    private static final int FLAP_CYCLES = 2;
    private static final Duration FLAP_WINDOW = Duration.ofSeconds(40);
    private static final Duration SILENT = Duration.ofSeconds(8);
    private static final Duration MISSING = Duration.ofSeconds(8);
    private static final DetectorSettings THRESHOLDS = new DetectorSettings(STUCK, FLAT_SAMPLES, FLAP_CYCLES,
            FLAP_WINDOW, SILENT, MISSING, MESSAGE_WINDOW, RESOLVE, 10,
            DetectorSettings.defaults().catchUpHorizon());
    /** Slack for a loaded 2-core CI machine: Kafka commits, scheduling, the simulator's one-second tick. */
    private static final Duration MARGIN = Duration.ofSeconds(12);
    private static final Duration TWO_POLLS = Duration.ofSeconds(2L * POLL_SECONDS);
    /** Simulated seconds: faults start after a baseline of polls with traffic both ways, repairs come later. */
    private static final int FAULT_AT = 200;
    private static final int REPAIR_AT = 550;
    private static final String COMMUNITY = "tw-suite";
    private static final String FAULTS = "faults-";

    /** Which end of a case's tunnel must alert: the faulted router's, the far router's, or the device itself. */
    private enum Where { LOCAL, FAR_END, DEVICE }

    /**
     * One fault on {@code router}'s tunnel to {@code peerRouter} (ring indices) and what tunnelwatch must say about it
     * at {@code where}; {@code faultAt} in simulated seconds; the resolve threshold is what the alert's own
     * condition needs to clear after the repair, before the hysteresis.
     */
    private record Case(Fault fault, int router, int peerRouter, Where where, int faultAt, String alert,
                        String layer, Duration threshold, Duration clearing, List<String> causeWords,
                        List<String> evidenceWords, boolean commandsNamePeer) {

        static Case of(Fault fault, int router, String alert, String layer, Duration threshold) {
            return new Case(fault, router, (router + 1) % ROUTERS, Where.LOCAL, FAULT_AT, alert, layer, threshold,
                    Duration.ZERO, List.of(), List.of(), false);
        }

        Case at(Where w) {
            return new Case(fault, router, peerRouter, w, faultAt, alert, layer, threshold, clearing, causeWords,
                    evidenceWords, commandsNamePeer);
        }

        Case from(int simSeconds) {
            return new Case(fault, router, peerRouter, where, simSeconds, alert, layer, threshold, clearing,
                    causeWords, evidenceWords, commandsNamePeer);
        }

        Case clearing(Duration d) {
            return new Case(fault, router, peerRouter, where, faultAt, alert, layer, threshold, d, causeWords,
                    evidenceWords, commandsNamePeer);
        }

        Case cause(String... words) {
            return new Case(fault, router, peerRouter, where, faultAt, alert, layer, threshold, clearing,
                    List.of(words), evidenceWords, commandsNamePeer);
        }

        Case evidence(String... words) {
            return new Case(fault, router, peerRouter, where, faultAt, alert, layer, threshold, clearing,
                    causeWords, List.of(words), commandsNamePeer);
        }

        Case namesPeer() {
            return new Case(fault, router, peerRouter, where, faultAt, alert, layer, threshold, clearing,
                    causeWords, evidenceWords, true);
        }

        String device() {
            return ScenarioSuiteIT.device(where == Where.FAR_END ? peerRouter : router);
        }

        String peer() {
            return where == Where.DEVICE ? PeerKey.ANY_PEER : Fleet.address(where == Where.FAR_END ? router : peerRouter);
        }

        boolean informational() {
            return router >= FIRST_INFORMATIONAL;
        }

        String label() {
            return fault.id() + (where == Where.FAR_END ? " (far)" : "") + (informational() ? " [info]" : "");
        }

        Duration detectBudget() {
            return threshold.plus(TWO_POLLS).plus(MARGIN);
        }

        Duration resolveBudget() {
            return clearing.plus(RESOLVE).plus(TWO_POLLS).plus(MARGIN);
        }
    }

    /**
     * Thirty-four routers on a ring, two tunnels each: rtr-N's fault is on its tunnel to rtr-N+1. A tunnel whose lower
     * address ends in an odd number speaks IKEv1 (docs/cisco-messages.md#ike-families); the faults whose cause only
     * IKEv1 texts tell (pre-shared key, phase-1 proposal, proxy identities: IKMP and debug lines) sit on IKEv1
     * tunnels, since no IKEv2 failure text is published. The silent router's
     * two tunnels and rtr-20 to rtr-21 carry no fault and must stay quiet (the silent router's peers because its
     * silence holds their alerts, its neighbours because its tunnels keep passing traffic); rtr-19 to rtr-20 loses
     * its OSPF adjacency over an up IPsec tunnel.
     * A refused IKE proposal leaves both ends in MM_NO_STATE, yet both hear each other: IkeNegotiationStuck, not
     * PeerUnreachable (docs/runbook.md#underlay-layer is no answer at all). The far end of a phase-2 mismatch keeps its
     * IKE SA
     * (a polled cikeTunnelTable row) without an IPsec SA: IpsecNegotiationFailed too. An SPI desync shows where the
     * stale SA's packets arrive (the far end): RECVD_PKT_INV_SPI names the cause of its flat decaps, so InvalidSpi
     * is the one alert at layer 4, DecapsStalled its evidence.
     */
    private static final List<Case> CASES = List.of(
            // both ends are monitored, so the cause waits for the far end's polls and names where the return
            // traffic goes missing (BothEnds), whichever end's poll reached the tracker first
            Case.of(Fault.DECAPS_STALL, 1, "DecapsStalled", "TRAFFIC", flatAndFarEnd())
                    .cause("return traffic is missing at " + device(2)).namesPeer(),
            Case.of(Fault.PSK_MISMATCH, 0, "IkeNegotiationStuck", "IKE", STUCK)
                    .cause("authentication", "pre-shared key"),
            Case.of(Fault.PEER_UNREACHABLE, 2, "PeerUnreachable", "UNDERLAY", STUCK).cause("no answer to ike")
                    .namesPeer(),
            Case.of(Fault.TUNNEL_INTERFACE_DOWN, 3, "TunnelInterfaceDown", "ROUTING", STUCK)
                    .cause("line protocol down"),
            Case.of(Fault.SPI_DESYNC, 4, "InvalidSpi", "TRAFFIC", Duration.ZERO).at(Where.FAR_END)
                    .cause("out of sync").evidence("spi").namesPeer().clearing(MESSAGE_WINDOW),
            // likewise: with the far end's polls beside this end's, rtr-06 decapsulates the far end's packets and
            // sends nothing back
            Case.of(Fault.ENCAPS_STALL, 5, "EncapsStalled", "ROUTING", flatAndFarEnd())
                    .cause("return traffic is missing at " + device(5)).namesPeer(),
            Case.of(Fault.TRANSFORM_SET_MISMATCH, 6, "IpsecNegotiationFailed", "IPSEC", STUCK)
                    .cause("proposal failure").namesPeer(),
            Case.of(Fault.TRANSFORM_SET_MISMATCH, 6, "IpsecNegotiationFailed", "IPSEC", STUCK).at(Where.FAR_END)
                    .namesPeer(),
            Case.of(Fault.AUTH_ERRORS, 7, "CryptoErrors", "TRAFFIC", Duration.ofSeconds(POLL_SECONDS))
                    .cause("authentication (mac)").namesPeer(),
            Case.of(Fault.REPLAY_ERRORS, 9, "CryptoErrors", "TRAFFIC", Duration.ofSeconds(POLL_SECONDS))
                    .cause("replay").namesPeer(),
            Case.of(Fault.IKE_PROPOSAL_MISMATCH, 8, "IkeNegotiationStuck", "IKE", STUCK).cause("proposal"),
            Case.of(Fault.IKE_PROPOSAL_MISMATCH, 8, "IkeNegotiationStuck", "IKE", STUCK).at(Where.FAR_END)
                    .cause("policy"),
            // no published IOS-XE line names the PFS group (docs/cisco-messages.md): the cause is the proposal
            Case.of(Fault.PFS_MISMATCH, 10, "IpsecNegotiationFailed", "IPSEC", STUCK).cause("proposal").namesPeer(),
            Case.of(Fault.PFS_MISMATCH, 10, "IpsecNegotiationFailed", "IPSEC", STUCK).at(Where.FAR_END)
                    .namesPeer(),
            Case.of(Fault.CRYPTO_ACL_NOT_MIRRORED, 12, "IpsecNegotiationFailed", "IPSEC", STUCK)
                    .cause("proxy identities").namesPeer(),
            Case.of(Fault.CRYPTO_ACL_NOT_MIRRORED, 12, "IpsecNegotiationFailed", "IPSEC", STUCK)
                    .at(Where.FAR_END).namesPeer(),
            Case.of(Fault.NAT_WITHOUT_EXEMPTION, 11, "NatExemptionMissing", "NAT_T", flat()).cause("nat exemption"),
            Case.of(Fault.MTU_BLACK_HOLE, 13, "MtuSuspected", "MTU", flat()).cause("mtu"),
            // three down/up cycles: down 30 s, then twice up 90 s and down 30 s (simulated)
            Case.of(Fault.FLAPPING, 14, "TunnelFlapping", "UNDERLAY", Duration.ofSeconds(270 / COMPRESSION))
                    .cause("down/up cycles").evidence("up", "down").clearing(FLAP_WINDOW),
            Case.of(Fault.PEER_NEVER_UP, 15, "ExpectedPeerMissing", "UNDERLAY", MISSING).from(0)
                    .cause("inventory expects").namesPeer(),
            Case.of(Fault.PEER_NEVER_UP, 15, "ExpectedPeerMissing", "UNDERLAY", MISSING).from(0).at(Where.FAR_END)
                    .cause("inventory expects").namesPeer(),
            Case.of(Fault.ROUTER_SILENT, 17, "DeviceSilent", "DEVICE", SILENT).at(Where.DEVICE)
                    .cause("nothing heard from"),
            // IPsec up, OSPF down at both ends: each end's line names its own TunnelN, which the poll's TUNNEL-MIB
            // view ties to the peer (the suite's inventory maps no tunnel); rtr-20 to rtr-21 stays quiet
            Case.of(Fault.OSPF_ADJACENCY_DOWN, 18, "RoutingAdjacencyDown", "ROUTING", STUCK)
                    .cause("ospf neighbour", "while ipsec is up").evidence("dead timer expired"),
            Case.of(Fault.OSPF_ADJACENCY_DOWN, 18, "RoutingAdjacencyDown", "ROUTING", STUCK).at(Where.FAR_END)
                    .cause("ospf neighbour " + Fleet.address(18)).evidence("ospf-5-adjchg"),
            // The normal-logging column: the same IKE and IPsec faults between routers at logging trap
            // informational, whose syslog holds no debug line (docs/cisco-messages.md#what-each-logging-level-tells).
            // Each on a tunnel of the same IKE family as its debug twin (an even index speaks IKEv1, an odd one
            // IKEv2), so the two columns differ only in the logging level; rtr-32 to its next router, and rtr-34 to
            // rtr-01, stay quiet.
            Case.of(Fault.PSK_MISMATCH, 20, "IkeNegotiationStuck", "IKE", STUCK)
                    .cause("authentication", "pre-shared key"),
            Case.of(Fault.IKE_PROPOSAL_MISMATCH, 22, "IkeNegotiationStuck", "IKE", STUCK).cause("policy"),
            // IKEv2 at normal logging: no published line says why phase 1 failed; the failure table the polls read
            // does (cikeFailTable authFailure, proposalFailure), so these are not taken for an unreachable peer
            Case.of(Fault.PSK_MISMATCH, 21, "IkeNegotiationStuck", "IKE", STUCK)
                    .cause("authentication", "pre-shared key"),
            Case.of(Fault.IKE_PROPOSAL_MISMATCH, 23, "IkeNegotiationStuck", "IKE", STUCK).cause("proposal"),
            // IKEv2 crypto ACLs not mirrored at normal logging: no line and no failure-table reason says why, yet
            // the polls show IKE up without an SA: the alert is right, its cause unnamed
            Case.of(Fault.CRYPTO_ACL_NOT_MIRRORED, 25, "IpsecNegotiationFailed", "IPSEC", STUCK).namesPeer(),
            Case.of(Fault.CRYPTO_ACL_NOT_MIRRORED, 24, "IpsecNegotiationFailed", "IPSEC", STUCK)
                    .cause("quick mode").namesPeer(),
            Case.of(Fault.TRANSFORM_SET_MISMATCH, 26, "IpsecNegotiationFailed", "IPSEC", STUCK)
                    .cause("proposal failure").namesPeer(),
            Case.of(Fault.AUTH_ERRORS, 27, "CryptoErrors", "TRAFFIC", Duration.ofSeconds(POLL_SECONDS))
                    .cause("authentication (mac)").namesPeer(),
            Case.of(Fault.PFS_MISMATCH, 28, "IpsecNegotiationFailed", "IPSEC", STUCK).cause("proposal").namesPeer(),
            Case.of(Fault.REPLAY_ERRORS, 29, "CryptoErrors", "TRAFFIC", Duration.ofSeconds(POLL_SECONDS))
                    .cause("replay").namesPeer(),
            Case.of(Fault.PEER_UNREACHABLE, 30, "PeerUnreachable", "UNDERLAY", STUCK).cause("session went down")
                    .namesPeer(),
            Case.of(Fault.SPI_DESYNC, 32, "InvalidSpi", "TRAFFIC", Duration.ZERO).at(Where.FAR_END)
                    .cause("out of sync").namesPeer().clearing(MESSAGE_WINDOW));

    private static Duration flat() {
        return Duration.ofSeconds((long) FLAT_SAMPLES * POLL_SECONDS);
    }

    /**
     * A stall whose cause names where the return traffic goes missing: the flat polls, then as long as the product
     * waits for the far end's polls to cover this end's (docs/architecture.md#timers-and-late-inputs): one more round
     * when the fault began between the two routers' walks, and the far end's report crossing the app's own topics
     * ({@link BothEnds#FAR_END_LATENESS} over two poll intervals). Come later, the cause would be this end's alone
     * and the case fails on its cause, not on its time.
     */
    private static Duration flatAndFarEnd() {
        return flat().plusSeconds(POLL_SECONDS).plus(BothEnds.FAR_END_LATENESS);
    }

    /** The simulated router's own name, as the scenario's steps name it. */
    private static String rtr(int index) {
        return String.format("rtr-%02d", index + 1);
    }

    /**
     * The device name tunnelwatch gives that router: the suite's inventory names it {@link #FAULTS} + its own name, so
     * events that other tests left on the shared broker (which this pipeline's new streams app reads too) never
     * land on the peers this test judges.
     */
    private static String device(int index) {
        return FAULTS + rtr(index);
    }

    @TempDir
    Path data;

    private Pipeline pipeline;
    private KafkaConsumer<PeerKey, AlertRecord> alerts;
    private KafkaConsumer<PeerKey, CounterSample> counters;
    private KafkaConsumer<PeerKey, TunnelEvent> events;
    /** Each peer's inputs as the suite read them, for a failed run's report. */
    private final Map<String, List<String>> inputs = new HashMap<>();
    private ScenarioRun run;
    private Instant started;

    /**
     * The pipeline with {@code scenario}'s fleet as its inventory (devices named {@code prefix} + {@code rtr-NN}),
     * consumers at the end of the alerts and counters topics, then the fleet.
     */
    private void start(Scenario scenario, String prefix) throws Exception {
        String inventory = ScenarioRun.inventoryYaml(scenario, POLL_SECONDS).replace("name: rtr-", "name: " + prefix
                + "rtr-");
        IngestConfig ingest = new IngestConfig(InventoryLoader.parse("suite-inventory.yaml", inventory), false,
                false);
        PipelineConfig config = FixturePipelines.config(data, FixturePipelines.syslog(PortProbe.freePort(), true),
                PortProbe.freePort(), true, ingest, new SnmpSettings("127.0.0.1", PortProbe.freePort(), 16))
                .withDetectors(THRESHOLDS);
        pipeline = new Pipeline(config).start();
        alerts = fromNow(StreamsTopics.ALERTS);
        counters = fromNow(Topics.COUNTERS);
        events = fromNow(Topics.EVENTS);
        started = Instant.now();
        run = ScenarioRun.start(scenario, loopback(pipeline.syslogUdpAddress()), loopback(pipeline.trapAddress()));
    }

    @AfterEach
    void stop() throws Exception {
        if (run != null) {
            run.close();
        }
        for (KafkaConsumer<?, ?> c : new KafkaConsumer<?, ?>[] {alerts, counters, events}) {
            if (c != null) {
                c.close();
            }
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void shouldOpenEachFaultsAlertWithinItsBudgetAndResolveItAfterTheRepair() throws Exception {
        start(faultScenario(agentPort(ROUTERS)), FAULTS);
        Instant repairAt = started.plusSeconds(REPAIR_AT / COMPRESSION);
        List<Observation> seen = CASES.stream().map(c -> new Observation(c, started)).toList();
        List<AlertRecord> all = new ArrayList<>();

        try {
            await().atMost(Duration.ofSeconds(REPAIR_AT / COMPRESSION).plus(FLAP_WINDOW).plus(RESOLVE)
                            .plus(TWO_POLLS).plus(MARGIN).plus(MARGIN))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        for (AlertRecord a : poll(alerts)) {
                            all.add(a);
                            seen.forEach(o -> o.onRecord(a));
                        }
                        noteInputs();
                        String page = MetricsScrape.page(pipeline.httpAddress().getPort());
                        Instant now = Instant.now();
                        seen.forEach(o -> o.onScrape(page, now));
                        return seen.stream().allMatch(Observation::done);
                    });
            seen.forEach(o -> System.out.println(o.row(repairAt)));
            printLoggingColumns(seen);
            checkEach(seen, repairAt);
            checkQuiet(all);
        } catch (RuntimeException | AssertionError e) {
            seen.forEach(o -> System.out.println(o.row(repairAt)));
            all.forEach(a -> System.out.println("  alert " + a.action() + " " + a.alert() + " " + a.device() + "|"
                    + a.peer() + " " + a.layer() + " at " + a.at() + " cause " + a.cause() + " resolution "
                    + a.resolution()));
            printTimelinesOfTroubledCases(all, seen);
            throw e;
        }
    }

    /** Notes the inputs read since the last call, each with the wall clock when the suite read it. */
    private void noteInputs() {
        Instant now = Instant.now();
        for (CounterSample c : poll(counters)) {
            inputs.computeIfAbsent(c.device() + "|" + c.peer(), k -> new ArrayList<>()).add("read " + now
                    + " poll at " + c.polledAt() + " answered " + c.deviceAnswered() + " ike " + c.ikeStatus()
                    + " SAs " + c.saCount());
        }
        for (TunnelEvent e : poll(events)) {
            inputs.computeIfAbsent(e.device() + "|" + e.peer(), k -> new ArrayList<>()).add("read " + now
                    + " event " + e.kind() + " at " + e.receivedAt() + ": " + e.text());
        }
    }

    /**
     * For a failed run: the inputs as read, and the state and timeline ({@code /peers/{device}/{peer}}), of every
     * case's peer that saw an alert other than its own, its own opened twice, late or not at all, or its own opened
     * with another cause, so the order and the times of its inputs and judgements can be read afterwards.
     */
    private void printTimelinesOfTroubledCases(List<AlertRecord> all, List<Observation> seen) {
        for (Observation o : seen) {
            Case c = o.expected;
            boolean late = o.opened == null
                    || Duration.between(o.faultAt, o.opened.at()).compareTo(c.detectBudget()) > 0;
            List<AlertRecord> mine = all.stream().filter(a -> a.device().equals(c.device())
                    && a.peer().equals(c.peer())).toList();
            long opened = mine.stream().filter(a -> a.action() == AlertRecord.Action.OPENED).count();
            boolean otherCause = mine.stream().filter(a -> a.action() == AlertRecord.Action.OPENED
                    && a.alert().equals(c.alert())).anyMatch(a -> c.causeWords().stream().anyMatch(w ->
                    !String.valueOf(a.cause()).toLowerCase(Locale.ROOT).contains(w)));
            if (late || opened > 1 || otherCause || mine.stream().anyMatch(a -> !a.alert().equals(c.alert()))) {
                inputs.getOrDefault(c.device() + "|" + c.peer(), List.of())
                        .forEach(line -> System.out.println("  input " + c.device() + "|" + c.peer() + " " + line));
                if (late && c.where() == Where.LOCAL) {
                    String far = device(c.peerRouter()) + "|" + Fleet.address(c.router());
                    inputs.getOrDefault(far, List.of()).forEach(line -> System.out.println("  far input " + far + " "
                            + line));
                }
                try {
                    System.out.println("peer " + c.device() + "|" + c.peer() + ": " + MetricsScrape.get(
                            pipeline.httpAddress().getPort(), "/peers/" + c.device() + "/" + c.peer()));
                } catch (IllegalStateException e) {
                    System.out.println("peer " + c.device() + "|" + c.peer() + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * A healthy fleet for a quarter of a simulated hour and a minute: an SA lifetime of five simulated minutes (so
     * every tunnel rekeys at least twice), the first SAs' counters 30 000 short of 2^32 (so their Counter32 packet
     * counters wrap within three simulated minutes, before the first rekey), and office hours ending at 19:00. Not
     * one alert may open, on {@code tunnelwatch.alerts} or on {@code /metrics}; the collector must have seen a wrap
     * on every peer (a lower total whose delta is exactly the way round 2^32).
     */
    @Test
    void shouldRaiseNothingOverAHealthyQuarterHourOfRekeysWrapsAndNightfall() throws Exception {
        int compression = 30;
        Duration lifetime = Duration.ofMinutes(5);
        Duration simulated = Duration.ofMinutes(16);
        // Its own device names: this pipeline's streams app also reads the events earlier tests left on the broker,
        // and judges them against today's clock; only this fleet's peers are the healthy ones.
        String prefix = "healthy-";
        start(new Scenario("healthy", compression, 8, 2, 11L, Instant.parse("2026-01-06T18:52:00Z"), lifetime,
                null, COMMUNITY, agentPort(8), List.of(), 30_000L), prefix);
        Instant until = started.plus(simulated.dividedBy(compression)).plus(STUCK).plus(TWO_POLLS);
        List<AlertRecord> raised = new ArrayList<>();
        List<String> alertSeries = new ArrayList<>();
        Map<String, CounterSample> last = new HashMap<>();
        Map<String, Integer> samples = new TreeMap<>();
        Set<String> wrapped = new TreeSet<>();

        await().atMost(Duration.between(Instant.now(), until).plus(MARGIN)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    poll(alerts).stream().filter(a -> a.device().startsWith(prefix))
                            .forEach(raised::add);
                    for (CounterSample c : poll(counters)) {
                        if (!c.device().startsWith(prefix)) {
                            continue;
                        }
                        String key = c.device() + "|" + c.peer();
                        CounterSample before = last.put(key, c);
                        if (c.deviceAnswered()) {
                            samples.merge(key, 1, Integer::sum);
                        }
                        if (before != null && (wrapped(before.totals().inPkts(), c.deltas().inPkts(),
                                c.totals().inPkts()) || wrapped(before.totals().outPkts(), c.deltas().outPkts(),
                                c.totals().outPkts()))) {
                            wrapped.add(key);
                        }
                    }
                    MetricsScrape.page(pipeline.httpAddress().getPort()).lines()
                            .filter(l -> l.startsWith("tunnelwatch_peer_alert{")
                                    && l.contains("device=\"" + prefix)).forEach(alertSeries::add);
                    return !Instant.now().isBefore(until);
                });

        System.out.printf("healthy fleet: %d peers polled (%s samples each), wraps seen on %d, alerts %d%n",
                samples.size(), samples.values().stream().distinct().sorted().toList(), wrapped.size(),
                raised.size());
        raised.forEach(a -> System.out.println("  alert " + a.action() + " " + a.alert() + " " + a.device() + "|"
                + a.peer() + " cause " + a.cause()));
        assertThat(raised).as("alerts on tunnelwatch.alerts").isEmpty();
        assertThat(alertSeries).as("tunnelwatch_peer_alert series on /metrics").isEmpty();
        assertThat(samples).as("every tunnel end polled through the run").hasSize(16)
                .allSatisfy((peer, n) -> assertThat(n).as(peer).isGreaterThanOrEqualTo(8));
        assertThat(wrapped).as("a Counter32 wrap seen by the collector on every tunnel end")
                .containsExactlyElementsOf(samples.keySet());
        run.simulation().read(() -> {
            run.simulation().routers().forEach(r -> r.ends().forEach(e -> assertThat(e.sa().tunIndex())
                    .as("%s -> %s rekeyed at least twice (cipSecTunIndex)", r.name(), e.peer())
                    .isGreaterThan(2 * r.ends().size())));
            return null;
        });
    }

    /**
     * Each IKE and IPsec fault played at both logging levels, side by side: the alert, its layer and the time to
     * detect with {@code debug crypto} lines in syslog, and at {@code logging trap informational}.
     */
    private static void printLoggingColumns(List<Observation> seen) {
        System.out.printf("%-24s | %-44s | %s%n", "fault", "debug logging", "normal logging (informational)");
        for (Observation normal : seen) {
            if (!normal.expected.informational()) {
                continue;
            }
            Observation debug = seen.stream().filter(o -> !o.expected.informational()
                    && o.expected.fault() == normal.expected.fault() && o.expected.where() == normal.expected.where())
                    .findFirst().orElse(null);
            System.out.printf("%-24s | %-44s | %s%n", normal.expected.fault().id(),
                    debug == null ? "-" : debug.column(), normal.column());
        }
    }

    /** A Counter32 that went round: the new total is the old one plus the delta, less 2^32. */
    private static boolean wrapped(long before, long delta, long now) {
        return now < before && delta > 0 && before + delta - (1L << 32) == now;
    }

    private static void checkEach(List<Observation> seen, Instant repairAt) {
        for (Observation o : seen) {
            Case c = o.expected;
            String what = c.label();
            assertThat(o.beforeFault).as("%s: alerts on %s|%s before the fault", what, c.device(), c.peer())
                    .isEmpty();
            assertThat(o.opened).as("%s: %s opened on %s|%s", what, c.alert(), c.device(), c.peer()).isNotNull();
            assertThat(o.opened.layer()).as(what + " layer").isEqualTo(c.layer());
            assertThat(o.opened.severity()).isNotBlank();
            String cause = String.valueOf(o.opened.cause()).toLowerCase(Locale.ROOT);
            c.causeWords().forEach(w -> assertThat(cause).as(what + " cause").contains(w));
            String evidence = String.join("\n", o.opened.evidence()).toLowerCase(Locale.ROOT);
            c.evidenceWords().forEach(w -> assertThat(evidence).as(what + " evidence").contains(w));
            assertThat(o.opened.commands()).as(what + " commands").isNotEmpty()
                    .noneMatch(cmd -> UNFILLED.matcher(cmd).find());
            assertThat(List.of(o.opened.summary(), String.valueOf(o.opened.cause()))).as(what + " summary and cause")
                    .noneMatch(text -> UNFILLED.matcher(text).find());
            if (c.commandsNamePeer()) {
                assertThat(o.opened.commands()).as(what + " commands").anyMatch(cmd -> cmd.contains(c.peer()));
            }
            assertThat(Duration.between(o.faultAt, o.opened.at())).as(what + " time to detect")
                    .isLessThanOrEqualTo(c.detectBudget());
            assertThat(Duration.between(o.faultAt, o.metricSeenAt)).as(what + " time to /metrics")
                    .isLessThanOrEqualTo(c.detectBudget());
            assertThat(o.opened.at()).as(what + " opened before its repair").isBefore(repairAt);
            assertThat(o.resolved.at()).as(what + " resolved after its repair").isAfter(repairAt);
            assertThat(Duration.between(repairAt, o.resolved.at())).as(what + " time to resolve")
                    .isLessThanOrEqualTo(c.resolveBudget());
            assertThat(o.metricGoneAt).as(what + " series gone").isAfter(o.metricSeenAt);
        }
    }

    /**
     * No alert on a tunnel no fault touches, at either end; none but DeviceSilent on the silent router (its silence
     * holds its peers' alerts).
     */
    private static void checkQuiet(List<AlertRecord> all) {
        Set<String> faulted = new HashSet<>();
        for (Case c : CASES) {
            if (c.where() != Where.DEVICE) {
                faulted.add(device(c.router()) + "|" + Fleet.address(c.peerRouter()));
                faulted.add(device(c.peerRouter()) + "|" + Fleet.address(c.router()));
            }
        }
        Set<String> quiet = new HashSet<>();
        for (int i = 0; i < ROUTERS; i++) {
            int next = (i + 1) % ROUTERS;
            List.of(device(i) + "|" + Fleet.address(next), device(next) + "|" + Fleet.address(i)).stream()
                    .filter(k -> !faulted.contains(k)).forEach(quiet::add);
        }
        assertThat(quiet).as("tunnels without a fault").hasSizeGreaterThanOrEqualTo(6);
        assertThat(all).as("the tunnels without a fault stay quiet: " + quiet)
                .noneMatch(a -> quiet.contains(a.device() + "|" + a.peer()));
        CASES.stream().filter(c -> c.where() == Where.DEVICE).forEach(c -> assertThat(all)
                .as("%s: only DeviceSilent on %s", c.label(), c.device())
                .noneMatch(a -> a.device().equals(c.device()) && !a.alert().equals("DeviceSilent")));
    }

    /** What the suite saw of one case: its alert's first opening and resolution, and its series on /metrics. */
    private static final class Observation {
        final Case expected;
        final Instant faultAt;
        AlertRecord opened;
        AlertRecord resolved;
        Instant metricSeenAt;
        Instant metricGoneAt;
        final List<String> beforeFault = new ArrayList<>();

        Observation(Case expected, Instant started) {
            this.expected = expected;
            this.faultAt = started.plusMillis(expected.faultAt() * 1000L / COMPRESSION);
        }

        void onRecord(AlertRecord a) {
            if (!a.device().equals(expected.device()) || !a.peer().equals(expected.peer())) {
                return;
            }
            if (a.action() == AlertRecord.Action.OPENED && a.at().isBefore(faultAt)) {
                beforeFault.add(a.alert() + " at " + a.at());
            }
            if (!a.alert().equals(expected.alert()) || a.at().isBefore(faultAt)) {
                return;
            }
            if (a.action() == AlertRecord.Action.OPENED && opened == null) {
                opened = a;
            } else if (a.action() == AlertRecord.Action.RESOLVED && opened != null && resolved == null) {
                resolved = a;
            }
        }

        void onScrape(String page, Instant now) {
            boolean present = page.lines().anyMatch(l -> l.startsWith("tunnelwatch_peer_alert{")
                    && l.contains("device=\"" + expected.device() + "\"")
                    && l.contains("peer=\"" + expected.peer() + "\"")
                    && l.contains("alert=\"" + expected.alert() + "\"")
                    && l.contains("layer=\"" + expected.layer().toLowerCase(Locale.ROOT) + "\""));
            if (present && metricSeenAt == null) {
                metricSeenAt = now;
            } else if (!present && metricSeenAt != null && metricGoneAt == null && resolved != null) {
                metricGoneAt = now;
            }
        }

        boolean done() {
            return resolved != null && metricGoneAt != null;
        }

        String column() {
            return opened == null ? "(none)" : String.format(Locale.ROOT, "%s %s %s", opened.alert(),
                    opened.layer(), seconds(Duration.between(faultAt, opened.at())));
        }

        String row(Instant repairAt) {
            return String.format("%-28s -> %-22s %-9s detect %-6s metrics %-6s resolve %-6s cause %s",
                    expected.label(), opened == null ? "(none)" : opened.alert(),
                    opened == null ? "-" : opened.layer(),
                    opened == null ? "-" : seconds(Duration.between(faultAt, opened.at())),
                    metricSeenAt == null ? "-" : seconds(Duration.between(faultAt, metricSeenAt)),
                    resolved == null ? "-" : seconds(Duration.between(repairAt, resolved.at())),
                    opened == null ? "-" : opened.cause());
        }

        private static String seconds(Duration d) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
    }

    /** Every case's fault once (the cases of both ends of a tunnel share it), repaired together. */
    /** A UDP port free on every simulated router's address 127.0.1.1..N, for their SNMP agents. */
    private static int agentPort(int routers) {
        return PortProbe.freeUdpPortBelowEphemeral(java.util.stream.IntStream.rangeClosed(1, routers)
                .mapToObj(i -> "127.0.1." + i).toList());
    }

    private static Scenario faultScenario(int agentPort) {
        List<Scenario.Step> timeline = CASES.stream()
                .map(c -> new Scenario.Step(Duration.ofSeconds(c.faultAt()), c.fault(), rtr(c.router()),
                        rtr(c.peerRouter()), Duration.ofSeconds(REPAIR_AT))).distinct().toList();
        return new Scenario("suite", COMPRESSION, ROUTERS, 2, 7L, Instant.parse("2026-01-06T10:00:00Z"),
                Duration.ofHours(24), null, COMMUNITY, agentPort, timeline).withInformationalLogging(
                java.util.stream.IntStream.range(FIRST_INFORMATIONAL, ROUTERS).mapToObj(ScenarioSuiteIT::rtr)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    /** A consumer of {@code topic} positioned at its end now: earlier tests' records are not ours. */
    private static <K, V> KafkaConsumer<K, V> fromNow(Topic<K, V> topic) {
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaFixture.bootstrapServers(StreamsTopics.ALL),
                ConsumerConfig.GROUP_ID_CONFIG, "tw-suite-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static <V> List<V> poll(KafkaConsumer<?, V> consumer) {
        List<V> values = new ArrayList<>();
        for (ConsumerRecord<?, V> r : consumer.poll(Duration.ofMillis(100))) {
            values.add(r.value());
        }
        return values;
    }

    private static InetSocketAddress loopback(InetSocketAddress bound) {
        return new InetSocketAddress("127.0.0.1", bound.getPort());
    }
}
