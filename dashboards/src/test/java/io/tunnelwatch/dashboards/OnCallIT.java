package io.tunnelwatch.dashboards;

import static io.tunnelwatch.dashboards.DebianTool.AMTOOL;
import static io.tunnelwatch.dashboards.WatchedFleet.address;
import static io.tunnelwatch.dashboards.WatchedFleet.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tunnelwatch.broker.PortProbe;
import io.tunnelwatch.dashboards.DebianTool.Result;
import io.tunnelwatch.dashboards.LiveQueries.PromQuery;
import io.tunnelwatch.dashboards.WebhookReceiver.Notification;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.simulator.fault.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * On call with tunnelwatch, end to end: the all-in-one watching a simulated fleet, a real Prometheus scraping it every
 * second and evaluating the repository's rule files unchanged, a real Alertmanager with the example configuration
 * (only its webhook addresses and timers changed), and a webhook receiver standing in for the pager.
 *
 * <p>One scene for all the tests, set in {@link #startTheSceneAndBreakTwoTunnels}, to share one fleet and one
 * Prometheus: once every tunnel passes traffic, rtr-01's tunnel to rtr-02 gets a transform-set mismatch (a peer fault
 * to page for), and rtr-03's tunnel to rtr-04 loses its underlay, after which rtr-03 falls silent (its output stops). tunnelwatch holds rtr-03's peer alert open while the router is silent, so Prometheus fires
 * it; only Alertmanager's inhibition keeps it off the pager. The tests then read what arrived. Every wait is bounded:
 * a peer alert's rule waits {@code for: 1m}, the rest takes seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OnCallIT {

    /**
     * rtr-01 to rtr-02: the peer fault that must page once and resolve. A transform-set mismatch, whose first commands
     * name the peer as the runbook writes them (the underlay alerts' ping goes out without its {@code source} clause
     * while tunnelwatch does not know a router's source interface).
     */
    private static final Fault FAULT = Fault.TRANSFORM_SET_MISMATCH;
    private static final String FAULT_ALERT = "IpsecNegotiationFailed";
    private static final int FAULTED = 0;
    private static final int FAULTED_PEER = 1;
    /** rtr-03 to rtr-04: a peer fault on the router that then falls silent. */
    private static final int SILENT = 2;
    private static final int SILENT_PEER = 3;
    /**
     * Alertmanager's timers for the test, the only change to its configuration besides the webhook addresses
     * ({@link LiveAlertmanager#forTest} checks that nothing else changed). The shipped group_interval (5 min) would
     * hold the resolved notification back for minutes. group_wait must exceed the time from the silent router's peer
     * alert firing to its DeviceSilent firing (both wait {@code for: 1m}; tunnelwatch opens DeviceSilent about 11 s
     * after the peer alert: the silence threshold and three poll tries of 3 s): inhibition mutes an alert when its
     * group is flushed, so DeviceSilent must have arrived by the group's first flush, as it would in production with
     * the shipped 30 s.
     */
    private static final Map<String, String> TIMERS = Map.of("group_wait", "20s", "group_interval", "1s");
    /**
     * A peer alert's rule waits for: 1m; then group_wait, a scrape, an evaluation and tunnelwatch's detection: about
     * 90 s from the fault, with room for a busy machine.
     */
    private static final Duration PAGE_BUDGET = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path work;

    private WebhookReceiver pager;
    private LiveAlertmanager alertmanager;
    private LivePrometheus prometheus;
    private CompletableFuture<WatchedFleet> fleetStart;
    private WatchedFleet fleet;
    private Instant started;

    @BeforeAll
    void startTheSceneAndBreakTwoTunnels() throws Exception {
        started = Instant.now();
        int httpPort = PortProbe.freePort();
        fleetStart = CompletableFuture.supplyAsync(() -> WatchedFleet.startPipeline(work.resolve("tunnelwatch"),
                httpPort));
        pager = new WebhookReceiver();
        alertmanager = LiveAlertmanager.start(Files.createDirectories(work.resolve("alertmanager")),
                pager.baseUrl(), TIMERS);
        prometheus = LivePrometheus.start(Files.createDirectories(work.resolve("prometheus")), httpPort,
                alertmanager.url());
        alertmanager.awaitReady();
        prometheus.awaitReady();
        fleet = fleetStart.join();
        timeline("pipeline, Prometheus and Alertmanager up");
        fleet.startRouters();

        await("every tunnel passing traffic, seen by Prometheus").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(prometheus.result(
                        "count(tunnelwatch_peer_phase{device=~\"" + WatchedFleet.PREFIX + ".+\"} == "
                                + PeerPhase.PASSING_TRAFFIC.code() + ")").path(0).path("value").path(1).asText())
                        .isEqualTo(String.valueOf(WatchedFleet.TUNNEL_ENDS)));
        assertThat(prometheus.result("tunnelwatch_peer_alert")).as("no alert before the faults").isEmpty();

        fleet.inject(FAULT, FAULTED, FAULTED_PEER);
        fleet.inject(Fault.PEER_UNREACHABLE, SILENT, SILENT_PEER);
        await("rtr-03's peer alert open").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> !prometheus.result(peerAlert(SILENT, SILENT_PEER)).isEmpty());
        fleet.inject(Fault.ROUTER_SILENT, SILENT, SILENT_PEER);
        timeline("faults injected, rtr-03 silenced");
    }

    /** Every process, whatever failed; JUnit then deletes {@link #work} (data, logs, configurations). */
    @AfterAll
    void stopEverything() throws Exception {
        List<Exception> failures = new ArrayList<>();
        if (fleetStart != null) {
            closeQuietly(() -> fleetStart.join().close(), failures);
        }
        if (prometheus != null) {
            closeQuietly(prometheus::close, failures);
        }
        if (alertmanager != null) {
            closeQuietly(alertmanager::close, failures);
        }
        if (pager != null) {
            closeQuietly(pager::close, failures);
        }
        System.out.printf("OnCallIT: %d s from start to the last check%n",
                Duration.between(started, Instant.now()).toSeconds());
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    @Test
    @Order(1)
    void shouldParseEveryRuleAndDashboardQueryAtTheLivePrometheusAndFindDataForEachPanelAndEveryMetricRead() {
        List<PromQuery> queries = new ArrayList<>(LiveQueries.ofRules(Map.of("device", device(FAULTED),
                "peer", address(FAULTED_PEER), "alert", FAULT_ALERT)));
        queries.addAll(LiveQueries.ofDashboards(Path.of("grafana").toAbsolutePath(), Map.of("device", device(FAULTED),
                "peer", address(FAULTED_PEER), "instance", ".*", "tunnelwatch_url", "http://127.0.0.1")));

        await("every rule query answering").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(LiveQueries.problems(prometheus, queries)).isEmpty());
    }

    @Test
    @Order(2)
    void shouldPageOnceWithTheDiagnosisForAPeerFaultAndSayWhenItIsRepaired() throws Exception {
        String device = device(FAULTED);
        String peer = address(FAULTED_PEER);
        Notification page = await("the page for " + device + " to " + peer).atMost(PAGE_BUDGET)
                .pollInterval(Duration.ofMillis(250)).until(() -> firstWith("firing", FAULT_ALERT, device, peer),
                        p -> p != null);
        timeline("page for " + FAULT_ALERT + " on " + device);

        JsonNode alert = page.alerts("firing", FAULT_ALERT, device, peer).get(0);
        assertThat(page.path()).as("routed by severity").isEqualTo("/alerts/critical");
        assertThat(alert.path("labels").path("layer").asText()).isEqualTo("ipsec");
        String description = alert.path("annotations").path("description").asText();
        assertThat(description).as("device, peer, layer")
                .startsWith(device + " to peer " + peer + ", ipsec layer: ");
        assertThat(description.lines().filter(l -> l.startsWith("Cause: ")).toList()).as("the cause in one line")
                .singleElement().asString().containsIgnoringCase("proposal failure");
        assertThat(description).as("a first command with the peer filled in")
                .contains("First, on " + device + ":\n  show crypto ipsec sa peer " + peer + "\n");
        String link = "http://127.0.0.1:9400/peers/" + device + "/" + peer;
        assertThat(alert.path("annotations").path("runbook_url").asText()).as("the peer's page").isEqualTo(link);
        assertThat(alert.path("annotations").toString()).as("no placeholder left")
                .doesNotContainPattern("<[a-z][a-z-]*>");
        assertThat(rendered(page)).as("the page as the template renders it")
                .contains(FAULT_ALERT + ": " + device + " to " + peer + ", ipsec layer (since ", "Cause: ",
                        "  show crypto ipsec sa peer " + peer + "\n", link);

        fleet.repair(FAULT, FAULTED, FAULTED_PEER);
        timeline("repaired");
        await("the resolved notification").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> firstWith("resolved", FAULT_ALERT, device, peer) != null);
        timeline("resolved notification");
        assertThat(pager.notifications()).as("firing notifications for %s to %s", device, peer)
                .filteredOn(n -> !n.alerts("firing", FAULT_ALERT, device, peer).isEmpty()).hasSize(1);
    }

    @Test
    @Order(3)
    void shouldPageASilentDeviceAloneWhileItsPeerAlertFiresBehindTheInhibition() {
        String device = device(SILENT);
        await("the page for silent " + device).atMost(PAGE_BUDGET).pollInterval(Duration.ofMillis(250))
                .until(() -> firstWith("firing", "DeviceSilent", device, "*") != null);
        timeline("page for DeviceSilent on " + device);
        String peerAlert = "PeerUnreachable";

        await("its peer alert firing at Prometheus, suppressed at Alertmanager").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    assertThat(prometheusAlert(peerAlert, device).path("state").asText()).isEqualTo("firing");
                    JsonNode held = alertmanagerAlert(peerAlert, device);
                    assertThat(held.path("status").path("state").asText()).isEqualTo("suppressed");
                    assertThat(held.path("status").path("inhibitedBy")).as("inhibited").isNotEmpty();
                });
        Duration gap = Duration.between(Instant.parse(prometheusAlert(peerAlert, device).path("activeAt").asText()),
                Instant.parse(prometheusAlert("DeviceSilent", device).path("activeAt").asText()));
        timeline("DeviceSilent active " + gap.toMillis() / 1000.0 + " s after the peer alert at Prometheus");
        assertThat(pager.notifications()).as("notifications with a peer alert of silent %s (DeviceSilent came %s"
                        + " after it; group_wait %s)", device, gap, TIMERS.get("group_wait"))
                .noneMatch(n -> n.alerts().stream().anyMatch(a -> a.path("labels").path("device").asText()
                        .equals(device) && !a.path("labels").path("peer").asText().equals("*")));
    }

    /** A line of the test's output: how long the scene took to get here. */
    private void timeline(String milestone) {
        System.out.printf("OnCallIT +%5.1f s %s%n", Duration.between(started, Instant.now()).toMillis() / 1000.0,
                milestone);
    }

    private Notification firstWith(String status, String alertname, String device, String peer) {
        return pager.notifications().stream().filter(n -> !n.alerts(status, alertname, device, peer).isEmpty())
                .findFirst().orElse(null);
    }

    private String peerAlert(int router, int peer) {
        return "tunnelwatch_peer_alert{device=\"" + device(router) + "\",peer=\"" + address(peer) + "\"}";
    }

    private JsonNode prometheusAlert(String alertname, String device) {
        return StreamSupport.stream(prometheus.alerts().spliterator(), false)
                .filter(a -> a.path("labels").path("alertname").asText().equals(alertname)
                        && a.path("labels").path("device").asText().equals(device))
                .findFirst().orElse(JSON.createObjectNode());
    }

    private JsonNode alertmanagerAlert(String alertname, String device) {
        return StreamSupport.stream(alertmanager.alerts().spliterator(), false)
                .filter(a -> a.path("labels").path("alertname").asText().equals(alertname)
                        && a.path("labels").path("device").asText().equals(device))
                .findFirst().orElse(JSON.createObjectNode());
    }

    /** The notification through the example template's {@code tunnelwatch.text}, as a text receiver shows it. */
    private String rendered(Notification page) throws Exception {
        Path data = work.resolve("page.json");
        Files.writeString(data, JSON.writeValueAsString(page.body()));
        Result result = AMTOOL.run(LiveAlertmanager.DIR, "template", "render",
                "--template.glob=" + LiveAlertmanager.TEMPLATE, "--template.data=" + data,
                "--template.text={{ template \"tunnelwatch.text\" . }}");
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void closeQuietly(Step step, List<Exception> failures) {
        try {
            step.run();
        } catch (Exception | Error e) {
            failures.add(e instanceof Exception ex ? ex : new IllegalStateException(e));
        }
    }
}
