package io.tunnelwatch.launcher.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.events.json.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The peer page: the explain view as static HTML, with the timeline, human times and every text escaped. */
class PeerPageTest {

    private static final HumanTime TIME = new HumanTime(Instant.parse("2026-11-26T10:05:00Z"));

    /** A peer answer as {@code GET /peers/{device}/{peer}} gives it, with hostile names and message text. */
    private static JsonNode view() throws Exception {
        return Json.mapper().readTree(PeerPageTest.class.getResource("/peer-view/down-with-hostile-text.json"));
    }

    @Test
    void shouldShowWhatIsWrongWhyAndWhatToRunNextWithHumanTimes() throws Exception {
        String html = PeerPage.render(PeerReport.of(view(), TIME));

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("down / unreachable since 10:00:00 UTC (5 min ago)")
                .contains("<span class=\"critical\">PeerUnreachable (critical): the peer does not answer IKE</span>")
                .contains("<tr><th>Why</th><td>down since 10:00:00 UTC (5 min ago) &amp; not back</td></tr>")
                .contains("<tr><th>Open since</th><td>10:01:00 UTC (4 min ago)</td></tr>")
                .contains("<pre>ping 198.51.100.7 source Gi0/0/0\nshow crypto session remote 198.51.100.7</pre>")
                .contains("Tunnel7 is down")
                .doesNotContain("T10:0").doesNotContain("123456789");
    }

    @Test
    void shouldShowTheTimelineNewestFirstWithItsEvidence() throws Exception {
        String html = PeerPage.render(PeerReport.of(view(), TIME));

        String opened = "<span class=\"when\">10:01:00 UTC (4 min ago)</span> <b>PeerUnreachable opened</b>:"
                + " the session went down";
        String down = "<span class=\"when\">10:00:00 UTC (5 min ago)</span> <b>phase: down / unreachable</b>:"
                + " was passing traffic both ways";
        assertThat(html).contains(opened).contains(down)
                .contains("<li>10:00:00 UTC (5 min ago)  CRYPTO-5-SESSION_STATUS &lt;i&gt;</li>");
        assertThat(html.indexOf(opened)).isLessThan(html.indexOf(down));
    }

    @Test
    void shouldEscapeNamesAndMessageTextAndFoldTheRepeatedLine() throws Exception {
        String html = PeerPage.render(PeerReport.of(view(), TIME));

        assertThat(html).doesNotContain("<script>").doesNotContain("<b>&1").doesNotContain("<i>")
                .contains("<title>rtr&lt;b&gt;&amp;1 -&gt; 198.51.100.7 · tunnelwatch</title>")
                .contains("<li>09:59:30 UTC (5 min ago)  CRYPTO-4-X &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
                        + "  ×2 between 09:59:00 and 09:59:30 UTC</li>")
                .doesNotContain("javascript").doesNotContain("src=").doesNotContain("<link");
    }

    @Test
    void shouldSayNothingIsWrongWhenNoAlertIsOpen() throws Exception {
        JsonNode healthy = Json.mapper().readTree("""
                {"device":"rtr-1","peer":"198.51.100.7","phase":"PASSING_TRAFFIC","natT":true,
                 "recentEvents":[],"recentCounters":[],"alert":null}
                """);

        assertThat(PeerPage.render(PeerReport.of(healthy, TIME)))
                .contains("Nothing is wrong: no alert is open on this tunnel.").contains("NAT-T in use")
                .contains("No events seen yet.").contains("Nothing recorded yet.");
    }
}
