package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.collector.inventory.Device;
import io.tunnelwatch.collector.inventory.ExpectedPeer;
import io.tunnelwatch.collector.inventory.Inventory;
import io.tunnelwatch.collector.sink.InventoryFactsSink;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.launcher.view.HumanTime;
import io.tunnelwatch.launcher.view.PeerPage;
import io.tunnelwatch.launcher.view.PeerReport;
import io.tunnelwatch.streams.alert.RunbookTexts;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateMachine;
import io.tunnelwatch.streams.peer.RoutingAdjacency;
import io.tunnelwatch.streams.query.PeerView;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The facts a runbook command needs travel from the inventory and the polls through the collector and the peer's
 * state to what a user reads ({@code /peers} as JSON and HTML, {@code explain}), and no {@code <placeholder>} ever
 * reaches them, whichever facts are known.
 */
class CompleteCommandsTest {

    private static final String DEVICE = "hq-rtr";
    private static final String PEER = "198.51.100.230";
    private static final Instant AT = Instant.parse("2026-12-04T16:12:13Z");
    private static final HumanTime TIME = new HumanTime(AT.plusSeconds(60));
    private static final Pattern PLACEHOLDER = Pattern.compile("<[a-z][a-z-]*>");
    private static final Pattern ESCAPED_PLACEHOLDER = Pattern.compile("&lt;[a-z][a-z-]*&gt;");

    private static final Inventory WITH_FACTS = inventory("GigabitEthernet0/0/2",
            new ExpectedPeer(PEER, "Tunnel232", "VPN-ACL-232"));
    private static final Inventory BARE = inventory(null, new ExpectedPeer(PEER, null, null));

    private final PeerStateMachine machine = new PeerStateMachine();

    @ParameterizedTest
    @EnumSource(AlertType.class)
    void shouldShowNoPlaceholderInPeersJsonOrHtmlOrExplainWhateverFactsAreKnown(AlertType type) throws Exception {
        for (Map.Entry<String, PeerState> known : states().entrySet()) {
            PeerState state = known.getValue().toBuilder().openAlert(alert(type)).build();
            JsonNode view = Json.mapper().valueToTree(PeerView.of(state, null));
            String json = Json.mapper().writeValueAsString(view);
            String html = PeerPage.render(PeerReport.of(view, TIME));
            String explain = ExplainRenderer.render(view, TIME);

            String as = type + " with " + known.getKey();
            assertThat(view.path("alert").path("commands")).as(as).isNotEmpty();
            assertThat(PLACEHOLDER.matcher(json).find()).as(as + ": " + json).isFalse();
            assertThat(ESCAPED_PLACEHOLDER.matcher(html).find()).as(as + ": " + html).isFalse();
            assertThat(PLACEHOLDER.matcher(explain).find()).as(as + ": " + explain).isFalse();
            assertThat(explain).as(as).contains("RUN NEXT");
        }
    }

    @Test
    void shouldPingFromTheInventorysSourceInterfaceOverWhatThePollLearned() throws Exception {
        PeerState state = polled(WITH_FACTS, heard(WITH_FACTS));

        assertThat(explain(state, AlertType.PEER_UNREACHABLE))
                .contains("ping 198.51.100.230 source GigabitEthernet0/0/2");
        assertThat(explain(state, AlertType.TUNNEL_INTERFACE_DOWN)).contains("show interface tunnel 232");
        assertThat(explain(state, AlertType.IPSEC_NEGOTIATION_FAILED)).contains("show ip access-lists VPN-ACL-232");
    }

    @Test
    void shouldPingFromThePollLearnedInterfaceWhenTheInventoryDoesNotSay() throws Exception {
        PeerState state = polled(BARE, heard(BARE));

        assertThat(explain(state, AlertType.PEER_UNREACHABLE)).contains("ping 198.51.100.230 source GigabitEthernet1");
        assertThat(explain(state, AlertType.MTU_SUSPECTED))
                .contains("ping 198.51.100.230 size 1400 df-bit source GigabitEthernet1",
                        "! on interface tunnel 9: ip mtu 1400");
    }

    @Test
    void shouldGiveARunnableFormWhenNothingIsKnown() throws Exception {
        PeerState state = heard(BARE);

        assertThat(explain(state, AlertType.PEER_UNREACHABLE)).contains("  ping 198.51.100.230\n")
                .doesNotContain(" source ");
        assertThat(explain(state, AlertType.TUNNEL_INTERFACE_DOWN))
                .contains("show ip interface brief | include Tunnel");
        assertThat(RunbookTexts.templates(AlertType.MTU_SUSPECTED)).anyMatch(c -> c.contains("<destination>"));
        assertThat(explain(state, AlertType.MTU_SUSPECTED)).doesNotContain("destination");
    }

    /** Nothing known; the inventory's facts; the facts a poll learned; and an adjacency down over the tunnel. */
    private Map<String, PeerState> states() {
        Map<String, PeerState> out = new LinkedHashMap<>();
        out.put("nothing known", heard(BARE));
        out.put("the inventory's facts", heard(WITH_FACTS));
        out.put("poll-learned facts", polled(BARE, heard(BARE)));
        out.put("an adjacency down and no tunnel known", heard(BARE).toBuilder()
                .adjacency(new RoutingAdjacency("BGP", "169.254.22.6", null, false, AT, "Down")).build());
        out.put("an adjacency down on Tunnel0", heard(WITH_FACTS).toBuilder()
                .adjacency(new RoutingAdjacency("OSPF", "10.0.0.2", "Tunnel0", false, AT, "Dead timer")).build());
        return out;
    }

    /** A message from the peer, through the collector's inventory step, applied to a new state. */
    private PeerState heard(Inventory inventory) {
        TunnelEvent event = new TunnelEvent(TunnelEvent.VERSION, EventKind.IPSEC_SETUP_FAILED, null, DEVICE, PEER,
                null, "CRYPTO-4-IPSEC_SETUP_FAILURE", 4, Map.of(), null, AT, "192.0.2.1", "udp",
                "IPSEC_SETUP_FAILURE: IPSEC SETUP FAILED for local:192.0.2.1 remote:198.51.100.230");
        return machine.apply(null, InventoryFactsSink.withFacts(inventory, event));
    }

    /** A poll that learned Tunnel9 sourced from GigabitEthernet1, through the collector's inventory step. */
    private PeerState polled(Inventory inventory, PeerState prior) {
        CounterSample sample = new CounterSample(CounterSample.VERSION, DEVICE, PEER, AT.plusSeconds(30), true, 0,
                null, null, null, null).withInterfaces("Tunnel9", "GigabitEthernet1");
        return machine.apply(prior, InventoryFactsSink.withFacts(inventory, sample));
    }

    private static String explain(PeerState state, AlertType type) {
        PeerState open = state.toBuilder().openAlert(alert(type)).build();
        return ExplainRenderer.render(Json.mapper().valueToTree(PeerView.of(open, null)), TIME);
    }

    private static OpenAlert alert(AlertType type) {
        return new OpenAlert(OpenAlert.idOf(DEVICE, PEER, type, AT), type, AT, RunbookTexts.summary(type), List.of(),
                null);
    }

    private static Inventory inventory(String sourceInterface, ExpectedPeer peer) {
        return new Inventory(List.of(new Device(DEVICE, List.of("192.0.2.1"), sourceInterface, null, List.of(peer))));
    }
}
