package io.tunnelwatch.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.events.json.Json;
import org.junit.jupiter.api.Test;

/** What {@code tunnelwatch explain} prints for the engineer on call. */
class ExplainRendererTest {

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

        String text = ExplainRenderer.render(Json.mapper().readTree(json));

        assertThat(text).contains("Tunnel rtr-hq-1 -> 198.51.100.7: down / unreachable since 2026-11-26T10:00:00Z")
                .contains("WHAT IS WRONG  PeerUnreachable (critical): the peer does not answer IKE")
                .contains("LAYER          UNDERLAY")
                .contains("WHY            the session went down and did not come back")
                .contains("ALSO SEEN (higher layers, evidence only)\n  TunnelInterfaceDown")
                .contains("RUN NEXT\n  ping 198.51.100.7 source Gi0/0/0")
                .contains("EVIDENCE (last events, oldest first)\n  2026-11-26T10:00:00Z CRYPTO-5-SESSION_STATUS");
    }

    @Test
    void shouldSayNothingIsWrongAndMentionASilentDevice() throws Exception {
        String json = """
                {"device":"rtr-hq-1","peer":"198.51.100.7","phase":"PASSING_TRAFFIC","natT":true,
                 "recentEvents":[],"recentCounters":["t encaps +5 decaps +5"],"alert":null,
                 "deviceSilentSince":"2026-11-26T10:00:00Z"}
                """;

        String text = ExplainRenderer.render(Json.mapper().readTree(json));

        assertThat(text).contains("passing traffic both ways").contains("NAT-T in use")
                .contains("Nothing is wrong").contains("silent since 2026-11-26T10:00:00Z")
                .contains("COUNTERS (per poll)\n  t encaps +5 decaps +5");
    }
}
