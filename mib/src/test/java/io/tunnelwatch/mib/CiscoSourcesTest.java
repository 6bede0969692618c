package io.tunnelwatch.mib;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The vocabulary says what docs/cisco-sources.md says: the roots, tables and notifications of
 * CISCO-IPSEC-FLOW-MONITOR-MIB, the IF-MIB, IP-MIB and SNMPv2-MIB objects, every TUNNEL-MIB column (no TUNNEL-MIB file is
 * checked, so this page is its only reference) and the IP SLA objects and response senses.
 */
class CiscoSourcesTest {

    private static final Path PAGE = Path.of("..", "docs", "cisco-sources.md");
    private static final Pattern NUMBERED_LABEL = Pattern.compile("([a-zA-Z]+)\\((\\d+)\\)");

    private static String section(String heading) throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        int start = page.indexOf("\n" + heading + "\n");
        assertThat(start).as("heading " + heading).isNotNegative();
        int end = page.indexOf("\n## ", start + heading.length() + 1);
        return page.substring(start, end < 0 ? page.length() : end);
    }

    /** {@code oid} relative to {@code root}, as the page's tables write it: {@code .1.3.2.1}. */
    private static String below(String root, String oid) {
        assertThat(oid).startsWith(root + ".");
        return oid.substring(root.length());
    }

    /** The section with every run of white space one blank, as a sentence reads across line breaks. */
    private static String flat(String heading) throws IOException {
        return section(heading).replaceAll("\\s+", " ");
    }

    private static String parent(String oid) {
        return oid.substring(0, oid.lastIndexOf('.'));
    }

    private static String lastArc(String oid) {
        return oid.substring(oid.lastIndexOf('.'));
    }

    @Test
    void shouldPlaceTheIpsecTablesWhereThePageDoes() throws IOException {
        String s = section("## CISCO-IPSEC-FLOW-MONITOR-MIB");
        String root = IpsecFlowMonitorMib.IPSEC_FLOW_MONITOR;

        assertThat(s).contains("Root `" + root + "`",
                "| cikePeerTable | `" + below(root, IpsecFlowMonitorMib.CIKE_PEER_ENTRY) + "` |",
                "| cikeTunnelTable | `" + below(root, IpsecFlowMonitorMib.CIKE_TUN_ENTRY) + "` |",
                "| cipSecTunnelTable | `" + below(root, IpsecFlowMonitorMib.CIPSEC_TUN_ENTRY) + "` |",
                "| cipSecSpiTable | `" + below(root, IpsecFlowMonitorMib.CIPSEC_SPI_ENTRY) + "` |",
                "status `" + lastArc(IpsecFlowMonitorMib.CIPSEC_TUN_STATUS) + "`",
                "remote value/address `" + lastArc(IpsecFlowMonitorMib.CIKE_TUN_REMOTE_VALUE) + "`/`"
                        + lastArc(IpsecFlowMonitorMib.CIKE_TUN_REMOTE_ADDR) + "`");
        assertThat(s).contains("tunnel status is active(" + IpsecFlowMonitorMib.TUNNEL_STATUS_ACTIVE + ") / destroy("
                + IpsecFlowMonitorMib.TUNNEL_STATUS_DESTROY + ")");
    }

    @Test
    void shouldNumberTheIpsecNotificationsAsThePageDoes() throws IOException {
        String s = section("## CISCO-IPSEC-FLOW-MONITOR-MIB");
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| (\\d+)(?: / (\\d+)|–(\\d+))? \\| ([^|]+) \\|").matcher(s);
        while (row.find()) {
            int first = Integer.parseInt(row.group(1));
            int last = row.group(2) != null ? Integer.parseInt(row.group(2))
                    : row.group(3) != null ? Integer.parseInt(row.group(3)) : first;
            String[] names = row.group(4).trim().split(" / |, ");
            for (int n = first; n <= last; n++) {
                rows.add(n + " " + names[n - first]);
            }
        }
        List<String> vocabulary = new ArrayList<>();
        for (MibNotification n : IpsecFlowMonitorMib.ALL_NOTIFICATIONS) {
            vocabulary.add(n.number() + " " + n.name());
        }

        assertThat(s).contains("Notifications `" + IpsecFlowMonitorMib.NOTIFICATIONS + ".N`");
        assertThat(rows).containsExactlyElementsOf(vocabulary);
    }

    @Test
    void shouldPlaceTheInterfaceObjectsWhereThePageDoes() throws IOException {
        String s = flat("## IF-MIB and TUNNEL-MIB");

        assertThat(s).contains("ifDescr `" + IfMib.IF_DESCR + "`", "ifName `" + IfMib.IF_NAME + "`",
                "linkDown `" + SnmpV2Mib.LINK_DOWN.oid() + "`", "linkUp `" + lastArc(SnmpV2Mib.LINK_UP.oid()) + "`",
                "snmpTrapOID `" + SnmpV2Mib.SNMP_TRAP_OID + "`", "sysUpTime `" + SnmpV2Mib.SYS_UP_TIME + "`",
                "tunnel = " + IfMib.IF_TYPE_TUNNEL);
        for (String sibling : List.of(IfMib.IF_TYPE, IfMib.IF_MTU, IfMib.IF_ADMIN_STATUS, IfMib.IF_OPER_STATUS)) {
            assertThat(parent(sibling)).isEqualTo(parent(IfMib.IF_DESCR));
        }
        assertThat(s).contains("ifType `" + lastArc(IfMib.IF_TYPE) + "`", "ifMtu `" + lastArc(IfMib.IF_MTU) + "`",
                "ifAdminStatus `" + lastArc(IfMib.IF_ADMIN_STATUS) + "`",
                "ifOperStatus `" + lastArc(IfMib.IF_OPER_STATUS) + "`");
    }

    @Test
    void shouldPlaceTheAddressTableWhereThePageDoes() throws IOException {
        String s = flat("## IF-MIB and TUNNEL-MIB");

        assertThat(s).contains("ipAddrTable entry `" + IpMib.IP_ADDR_ENTRY + "`",
                "ipAdEntAddr `" + lastArc(IpMib.IP_AD_ENT_ADDR) + "`",
                "ipAdEntIfIndex `" + lastArc(IpMib.IP_AD_ENT_IF_INDEX) + "`");
        assertThat(parent(IpMib.IP_AD_ENT_IF_INDEX)).isEqualTo(IpMib.IP_ADDR_ENTRY);
    }

    @Test
    void shouldGiveEveryTunnelMibColumnTheNumberThePageGives() throws IOException {
        String s = flat("## IF-MIB and TUNNEL-MIB");
        String entry = TunnelMib.TUNNEL_IF_ENTRY;

        assertThat(s).contains("tunnelIfTable entry `" + entry + "`");
        VocabularyTable.TUNNEL_MIB.forEach((name, oid) -> {
            if (!oid.equals(entry)) {
                assertThat(parent(oid)).as(name).isEqualTo(entry);
                assertThat(s).as(name).contains(name + " `" + lastArc(oid) + "`");
            }
        });
    }

    @Test
    void shouldPlaceTheIpSlaObjectsWhereThePageDoes() throws IOException {
        String s = flat("## IP SLA (CISCO-RTTMON-MIB)");
        String root = RttMonMib.RTT_MON;

        assertThat(s).contains("Root `" + root + "`",
                "| rttMonCtrlAdminTag (free text: the peer's name) | `"
                        + below(root, RttMonMib.RTT_MON_CTRL_ADMIN_TAG) + "` |",
                "| rttMonCtrlAdminRttType | `" + below(root, RttMonMib.RTT_MON_CTRL_ADMIN_RTT_TYPE) + "` |",
                "| rttMonEchoAdminTargetAddress | `"
                        + below(root, RttMonMib.RTT_MON_ECHO_ADMIN_TARGET_ADDRESS) + "` |",
                "| rttMonCtrlOperState | `" + below(root, RttMonMib.RTT_MON_CTRL_OPER_STATE) + "` |",
                "| rttMonLatestRttOperCompletionTime (ms) | `"
                        + below(root, RttMonMib.RTT_MON_LATEST_RTT_OPER_COMPLETION_TIME) + "` |",
                "| rttMonLatestRttOperSense | `" + below(root, RttMonMib.RTT_MON_LATEST_RTT_OPER_SENSE) + "` |");
        assertSensesAgree(s.substring(s.indexOf("rttMonLatestRttOperSense:")));
    }

    /** Every {@code label(n)} of the sentence that starts {@code text} is that response sense; at least some. */
    private static void assertSensesAgree(String text) {
        Matcher m = NUMBERED_LABEL.matcher(text.substring(0, text.indexOf(". ")));
        int seen = 0;
        while (m.find()) {
            RttMonMib.ResponseSense sense = RttMonMib.ResponseSense.of(Integer.parseInt(m.group(2)));
            assertThat(sense).as(m.group()).isNotNull();
            assertThat(sense.label()).as(m.group()).isEqualTo(m.group(1));
            seen++;
        }
        assertThat(seen).isGreaterThanOrEqualTo(5);
    }
}
