package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.launcher.view.HumanTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What {@code tunnelwatch explain} prints for the engineer on call. */
class ExplainRendererTest {

    private static final HumanTime TIME = new HumanTime(Instant.parse("2026-11-26T10:05:00Z"));

    @Test
    void shouldSayWhatIsWrongWhichLayerWhyAndWhatToRunNext() throws Exception {
        String json = """
                {"device":"rtr-hq-1","peer":"198.51.100.7","phase":"DOWN","phaseSince":"2026-11-26T10:00:00Z",
                 "ikeVersion":"IKEV2","ikeState":"NO_SA","ikeSince":"2026-11-26T10:00:00Z","ipsecState":"NO_SA",
                 "ipsecSince":"2026-11-26T10:00:00Z","natT":false,"tunnelInterface":null,"tunnelUp":null,
                 "recentEvents":["2026-11-26T10:00:00Z CRYPTO-5-SESSION_STATUS Crypto tunnel is DOWN"],
                 "recentCounters":[],
                 "alert":{"id":"x","alert":"PeerUnreachable","layer":"UNDERLAY","severity":"critical",
                   "summary":"the peer does not answer IKE","cause":"the session went down and did not come back",
                   "related":["TunnelInterfaceDown"],"commands":["ping 198.51.100.7 source Gi0/0/0"],
                   "openedAt":"2026-11-26T10:01:00Z","clearingSince":null},
                 "deviceSilentSince":null}
                """;

        String text = ExplainRenderer.render(Json.mapper().readTree(json), TIME);

        assertThat(text).contains("Tunnel rtr-hq-1 -> 198.51.100.7: down / unreachable since 10:00:00 UTC (5 min ago)")
                .contains("WHAT IS WRONG  PeerUnreachable (critical): the peer does not answer IKE")
                .contains("LAYER          UNDERLAY")
                .contains("WHY            the session went down and did not come back")
                .contains("ALSO SEEN (higher layers, evidence only)\n  TunnelInterfaceDown")
                .contains("RUN NEXT\n  ping 198.51.100.7 source Gi0/0/0")
                .contains("OPEN SINCE     10:01:00 UTC (4 min ago)\n")
                .contains("EVIDENCE (last events, oldest first)\n  10:00:00 UTC (5 min ago)  CRYPTO-5-SESSION_STATUS");
    }

    @Test
    void shouldSayNothingIsWrongAndMentionASilentDevice() throws Exception {
        String json = """
                {"device":"rtr-hq-1","peer":"198.51.100.7","phase":"PASSING_TRAFFIC","natT":true,
                 "recentEvents":[],"recentCounters":["t encaps +5 decaps +5"],"alert":null,
                 "deviceSilentSince":"2026-11-26T10:00:00Z"}
                """;

        String text = ExplainRenderer.render(Json.mapper().readTree(json), TIME);

        assertThat(text).contains("passing traffic both ways").contains("NAT-T in use")
                .contains("Nothing is wrong").contains("silent since 10:00:00 UTC (5 min ago)")
                .contains("COUNTERS (per poll)\n  t encaps +5 decaps +5");
    }

    @Test
    void shouldPrintTheTimelineNewestFirstAndTheRepeatedLineOnceLikeThePeerPage() throws Exception {
        String text = ExplainRenderer.render(Json.mapper().readTree(
                getClass().getResource("/peer-view/down-with-hostile-text.json")), TIME);

        assertThat(text).contains("EVIDENCE (last events, oldest first)\n"
                        + "  09:59:30 UTC (5 min ago)  CRYPTO-4-X <script>alert('x')</script>"
                        + "  ×2 between 09:59:00 and 09:59:30 UTC\n"
                        + "  10:00:00 UTC (5 min ago)  CRYPTO-5-SESSION_STATUS Crypto tunnel is DOWN\n")
                .contains("TIMELINE (newest first)\n"
                        + "  10:01:00 UTC (4 min ago)  PeerUnreachable opened: the session went down\n"
                        + "      10:00:00 UTC (5 min ago)  CRYPTO-5-SESSION_STATUS <i>\n"
                        + "  10:00:00 UTC (5 min ago)  phase: down / unreachable: was passing traffic both ways\n"
                        + "      10:00:00 UTC (5 min ago)  CRYPTO-5-SESSION_STATUS Crypto tunnel is DOWN\n");
    }

    @Test
    void shouldListTheDevicesPeersWhenOnlyThePeerIsUnknown() {
        String text = ExplainRenderer.unknown("rtr-01", "1.2.3.4",
                new ExplainRenderer.Known(List.of("198.51.100.7", "198.51.100.8"), false), null);

        assertThat(text).isEqualTo("tunnelwatch knows no peer 1.2.3.4 of device rtr-01. The peers of rtr-01 it knows"
                + " (2): 198.51.100.7, 198.51.100.8\n");
    }

    @Test
    void shouldListTheFirstTwentyDevicesAndHowManyThereAreWhenTheDeviceIsUnknown() {
        List<String> devices = IntStream.rangeClosed(1, 25).mapToObj(i -> String.format("rtr-%02d", i)).toList();

        String text = ExplainRenderer.unknown("rtr-99", "1.2.3.4", new ExplainRenderer.Known(List.of(), false),
                new ExplainRenderer.Known(devices, false));

        assertThat(text).startsWith("tunnelwatch knows no device rtr-99. The devices it knows (the first 20 of 25):"
                + " rtr-01, rtr-02,").endsWith(", rtr-20\n").doesNotContain("rtr-21");
    }

    @Test
    void shouldSayWhenAnInstanceListedOnlyPartOfItsDevices() {
        String text = ExplainRenderer.unknown("rtr-99", "1.2.3.4", null,
                new ExplainRenderer.Known(List.of("rtr-01"), true));

        assertThat(text).isEqualTo("tunnelwatch knows no device rtr-99. The devices it knows (the first 1 of more"
                + " than 1): rtr-01\n");
    }

    @Test
    void shouldSayWhenItKnowsNoDeviceYetOrCannotList() {
        assertThat(ExplainRenderer.unknown("rtr-99", "1.2.3.4", new ExplainRenderer.Known(List.of(), false),
                new ExplainRenderer.Known(List.of(), false)))
                .isEqualTo("tunnelwatch knows no device rtr-99: it knows no device yet (no syslog, trap or answered"
                        + " poll has reached it).\n");
        assertThat(ExplainRenderer.unknown("rtr-99", "1.2.3.4", null, null))
                .isEqualTo("tunnelwatch knows no peer 1.2.3.4 of device rtr-99.\n");
    }
}
