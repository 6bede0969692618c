package io.tunnelwatch.launcher.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.query.PeerQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fleet page: open alerts worst first, each linking to its peer page, names escaped, links URL-encoded. */
class FleetPageTest {

    private static final Instant NOW = Instant.parse("2026-12-04T11:45:00Z");
    private static final HumanTime TIME = new HumanTime(NOW);

    private static PeerQuery.OpenAlertLine open(String device, String peer, String alert, String severity,
                                                int minutesAgo) {
        return new PeerQuery.OpenAlertLine(device, peer, alert, severity, "TRAFFIC", "cause of " + alert,
                NOW.minusSeconds(60L * minutesAgo));
    }

    @Test
    void shouldListCriticalAlertsBeforeWarningsAndTheLongestOpenFirst() {
        PeerQuery.Fleet fleet = new PeerQuery.Fleet(3, 5, List.of(
                open("rtr-1", "192.0.2.1", "CryptoErrors", "warning", 90),
                open("rtr-2", "192.0.2.2", "DecapsStalled", "critical", 3),
                open("rtr-3", "192.0.2.3", "PeerUnreachable", "critical", 40),
                open("rtr-1", "192.0.2.4", "MtuSuspected", "warning", 5)), List.of());

        String html = FleetPage.render(fleet, TIME);

        assertThat(html).contains("4 open alerts · 3 devices · 5 peers");
        int unreachable = html.indexOf(">PeerUnreachable<");
        int decaps = html.indexOf(">DecapsStalled<");
        int crypto = html.indexOf(">CryptoErrors<");
        int mtu = html.indexOf(">MtuSuspected<");
        assertThat(List.of(unreachable, decaps, crypto, mtu)).doesNotContain(-1).isSorted();
        assertThat(html).contains("<td class=\"when\">11:05:00 UTC (40 min ago)</td>");
    }

    @Test
    void shouldLinkEachAlertToItsPeerPageUrlEncodedAndEscapeEveryName() {
        PeerQuery.Fleet fleet = new PeerQuery.Fleet(1, 1, List.of(new PeerQuery.OpenAlertLine(
                "rtr <script>x</script>&\"/?#", "2001:db8::1", "DecapsStalled", "critical", "TRAFFIC",
                "<script>alert(1)</script> since 2026-12-04T11:40:00.000000001Z", NOW)), List.of("10.0.0.2:9400"));

        String html = FleetPage.render(fleet, TIME);

        assertThat(html).doesNotContain("<script>")
                .contains("<a href=\"/peers/rtr%20%3Cscript%3Ex%3C%2Fscript%3E%26%22%2F%3F%23/2001%3Adb8%3A%3A1\">"
                        + "DecapsStalled</a>")
                .contains("<td>rtr &lt;script&gt;x&lt;/script&gt;&amp;&quot;/?#</td>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; since 11:40:00 UTC (5 min ago)")
                .contains("on this instance").contains("<a href=\"http://10.0.0.2:9400/\">10.0.0.2:9400</a>")
                .contains("<a href=\"/metrics\">").contains("<a href=\"/readyz\">");
    }

    @Test
    void shouldListASilentDeviceWithoutAPeerPage() {
        PeerQuery.Fleet fleet = new PeerQuery.Fleet(1, 2, List.of(open("rtr-1", "192.0.2.1", "CryptoErrors",
                "warning", 5), open("rtr-2", "*", "DeviceSilent", "critical", 2)), List.of());

        String html = FleetPage.render(fleet, TIME);

        assertThat(html).contains("<td>DeviceSilent</td><td>rtr-2</td><td>the device itself</td>")
                .doesNotContain("/peers/rtr-2/").contains("<a href=\"/peers/rtr-1/192.0.2.1\">CryptoErrors</a>");
        assertThat(html.indexOf("DeviceSilent")).isLessThan(html.indexOf("CryptoErrors"));
    }

    @Test
    void shouldSayNoAlertIsOpen() {
        String html = FleetPage.render(new PeerQuery.Fleet(1, 1, List.of(), List.of()), TIME);

        assertThat(html).contains("No alert is open.").contains("1 device · 1 peer").doesNotContain("<table>");
    }
}
