package io.tunnelwatch.collector.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.collector.yaml.YamlFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The inventory file: a full example read into the model, and every mistake told with its line. */
class InventoryLoaderTest {

    private static final String FULL = """
            devices:
              - name: rtr-hq-1
                addresses: [192.0.2.1, "2001:DB8:0:0::1"]
                sourceInterface: GigabitEthernet0/0/0
                snmp: {version: 2c, community: s3cret, pollInterval: 30s}
                peers:
                  - address: 198.51.100.7
                    tunnel: Tunnel7
                  - address: 198.51.100.8
                    cryptoAcl: VPN-TO-BRANCH8
              - name: rtr-branch-7
                addresses: [198.51.100.7]
                snmp:
                  version: 3
                  user: tw
                  authProtocol: sha256
                  authKey: auth-key-123
                  privProtocol: AES
                  privKey: priv-key-456
            """;

    @TempDir
    Path dir;

    @Test
    void shouldReadEveryKeyOfTheFullExample() {
        Inventory inventory = InventoryLoader.parse("inventory.yaml", FULL);

        assertThat(inventory.devices()).extracting(Device::name).containsExactly("rtr-hq-1", "rtr-branch-7");
        Device hq = inventory.byName("rtr-hq-1").orElseThrow();
        assertThat(hq.addresses()).containsExactly("192.0.2.1", "2001:db8::1");
        assertThat(hq.sourceInterface()).isEqualTo("GigabitEthernet0/0/0");
        assertThat(hq.snmp()).isEqualTo(new SnmpCredentials.V2c(new Secret("s3cret"), Duration.ofSeconds(30)));
        assertThat(hq.peers()).containsExactly(new ExpectedPeer("198.51.100.7", "Tunnel7", null),
                new ExpectedPeer("198.51.100.8", null, "VPN-TO-BRANCH8"));
        SnmpCredentials.V3 v3 = (SnmpCredentials.V3) inventory.byName("rtr-branch-7").orElseThrow().snmp();
        assertThat(v3.user()).isEqualTo("tw");
        assertThat(v3.authProtocol()).isEqualTo("SHA256");
        assertThat(v3.authKey().reveal()).isEqualTo("auth-key-123");
        assertThat(v3.privProtocol()).isEqualTo("AES");
        assertThat(v3.privKey().reveal()).isEqualTo("priv-key-456");
        assertThat(v3.securityLevel()).isEqualTo("authPriv");
        assertThat(v3.pollInterval()).isNull();
    }

    @Test
    void shouldReadAPollScheduleOfItsOwnForEitherVersion() {
        Inventory inventory = InventoryLoader.parse("inventory.yaml", """
                devices:
                  - name: rtr-1
                    snmp: {version: 2c, community: c, pollInterval: 2m, pollJitter: 15s, pollTimeout: 1500ms,
                           pollRetries: 0}
                  - name: rtr-2
                    snmp: {version: 3, user: u, authProtocol: SHA, authKey: longenough, pollTimeout: 5s}
                """);

        assertThat(inventory.byName("rtr-1").orElseThrow().snmp().poll()).isEqualTo(new PollTiming(
                Duration.ofMinutes(2), Duration.ofSeconds(15), Duration.ofMillis(1500), 0));
        assertThat(inventory.byName("rtr-2").orElseThrow().snmp().poll())
                .isEqualTo(new PollTiming(null, null, Duration.ofSeconds(5), null));
    }

    @Test
    void shouldFindADeviceByAnySpellingOfItsAddressButNeverByAName() {
        Inventory inventory = InventoryLoader.parse("inventory.yaml", FULL);

        assertThat(inventory.byAddress("2001:db8:0000::0001")).map(Device::name).hasValue("rtr-hq-1");
        assertThat(inventory.byAddress("192.0.2.1")).map(Device::name).hasValue("rtr-hq-1");
        assertThat(inventory.byAddress("192.0.2.99")).isEmpty();
        assertThat(inventory.byAddress("localhost")).isEmpty();
        assertThat(inventory.byName("nope")).isEmpty();
    }

    @Test
    void shouldMapATunnelInterfaceInAnySpellingToItsPeer() {
        Device hq = InventoryLoader.parse("inventory.yaml", FULL).byName("rtr-hq-1").orElseThrow();

        assertThat(hq.peerOnTunnel("Tunnel7")).map(ExpectedPeer::address).hasValue("198.51.100.7");
        assertThat(hq.peerOnTunnel("tu7")).map(ExpectedPeer::address).hasValue("198.51.100.7");
        assertThat(hq.peerOnTunnel("Tunnel70")).isEmpty();
        assertThat(hq.peerOnTunnel("GigabitEthernet0/0/0")).isEmpty();
    }

    @Test
    void shouldNeverPrintSnmpSecrets() {
        Inventory inventory = InventoryLoader.parse("inventory.yaml", FULL);

        String printed = inventory.devices().toString() + inventory;
        assertThat(printed).contains("rtr-hq-1", "tw", "SHA256")
                .doesNotContain("s3cret", "auth-key-123", "priv-key-456");
    }

    @Test
    void shouldTakeAnEmptyDeviceListAsAnEmptyInventory() {
        assertThat(InventoryLoader.parse("i.yaml", "devices: []\n").isEmpty()).isTrue();
        assertThat(InventoryLoader.parse("i.yaml", "devices:\n").isEmpty()).isTrue();
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        // yaml (\n for newlines) | the whole message
        "devices:\\n  - name: rtr-1\\n    addresses: [192.0.2.1]\\n  - name: rtr-2\\n    addresses:\\n"
            + "      - 192.0.2.9\\n      - 192.0.2.1"
            + " | inventory.yaml line 7: device 'rtr-2' repeats address 192.0.2.1 of 'rtr-1'",
        "devices:\\n  - name: rtr-1\\n  - name: rtr-1"
            + " | inventory.yaml line 3: device name 'rtr-1' appears twice",
        "devices:\\n  - name: rtr-1\\n    addresses: [192.0.2.300]"
            + " | inventory.yaml line 3: '192.0.2.300' is not an IP address (address of device 'rtr-1'; IPv4 or"
            + " IPv6, no host names)",
        "devices:\\n  - name: rtr-1\\n    adresses: [192.0.2.1]"
            + " | inventory.yaml line 3: unknown key 'adresses' in a device (expected one of [addresses, name, peers,"
            + " snmp, sourceInterface])",
        "devices:\\n  - addresses: [192.0.2.1]"
            + " | inventory.yaml line 2: a device has no name",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 2, community: x}"
            + " | inventory.yaml line 3: bad snmp version '2' of device 'rtr-1' (expected 2c or 3)",
        "devices:\\n  - name: rtr-1\\n    snmp:\\n      community: x"
            + " | inventory.yaml line 4: bad snmp version '' of device 'rtr-1' (expected 2c or 3)",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 2c}"
            + " | inventory.yaml line 3: SNMP version 2c of 'rtr-1' needs 'community'",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 2c, community: c, user: u}"
            + " | inventory.yaml line 3: 'user' does not belong to SNMP version 2c",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 3, user: u, authProtocol: SHA, authKey: short}"
            + " | inventory.yaml line 3: authKey is shorter than 8 characters (RFC 3414)",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 3, user: u, privProtocol: AES, privKey: longenough}"
            + " | inventory.yaml line 3: SNMPv3 privacy needs authentication too (authProtocol and authKey)",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 3, user: u, authProtocol: SHA1, authKey: longenough}"
            + " | inventory.yaml line 3: unknown authProtocol 'SHA1' (expected one of [MD5, SHA, SHA224, SHA256,"
            + " SHA384, SHA512])",
        "devices:\\n  - name: rtr-1\\n    peers:\\n      - {address: 198.51.100.7, tunnel: Tunnel7}\\n"
            + "      - {address: 198.51.100.8, tunnel: Tu7}"
            + " | inventory.yaml line 5: device 'rtr-1' maps Tunnel7 to both 198.51.100.7 and 198.51.100.8",
        "devices:\\n  - name: rtr-1\\n    peers:\\n      - {address: 198.51.100.7}\\n      - {address: 198.51.100.7}"
            + " | inventory.yaml line 5: device 'rtr-1' lists peer 198.51.100.7 twice",
        "devices:\\n  - name: rtr-1\\n    peers:\\n      - {address: 198.51.100.7, tunnel: Gi0/1}"
            + " | inventory.yaml line 4: 'Gi0/1' is not a tunnel interface (expected e.g. Tunnel7)",
        "devices:\\n  - name: rtr one"
            + " | inventory.yaml line 2: device name 'rtr one' may hold letters, digits and . _ : / - only (it"
            + " becomes a Kafka key and a metric label)",
        "routers: []"
            + " | inventory.yaml line 1: unknown key 'routers' in the inventory (expected one of [devices])",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 2c, community: c, pollInterval: soon}"
            + " | inventory.yaml line 3: pollInterval 'soon' is not a duration (e.g. 30s, 5m, 1h, 500ms, or seconds)",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 2c, community: c, pollRetries: 11}"
            + " | inventory.yaml line 3: pollRetries must be 0..10, was '11'",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 2c, community: c, pollJitter: 1m}"
            + " | inventory.yaml line 3: pollJitter 1m must be shorter than the poll interval (60s)",
        "devices:\\n  - name: rtr-1\\n    snmp: {version: 3, user: u, authProtocol: SHA, authKey: longenough,"
            + " pollInterval: 30s, pollTimeout: 10s}"
            + " | inventory.yaml line 3: pollTimeout 10s x 3 tries must end before the next poll (interval 30s)"})
    void shouldFailWithTheFileTheLineAndTheReason(String yaml, String message) {
        assertThatThrownBy(() -> InventoryLoader.parse("inventory.yaml", yaml.replace("\\n", "\n")))
                .isInstanceOf(InventoryException.class)
                .hasMessage(message);
    }

    @Test
    void shouldReadRoutingNeighboursAsAddressesOrTheTunnelSubnet() {
        Inventory inventory = InventoryLoader.parse("inventory.yaml", """
                devices:
                  - name: rtr-1
                    peers:
                      - {address: 198.51.100.2, tunnel: Tunnel0, routingNeighbors: [169.254.22.4/30, 10.0.0.2]}
                      - {address: 198.51.100.6, tunnel: Tunnel1}
                """);
        Device rtr = inventory.byName("rtr-1").orElseThrow();

        assertThat(rtr.peers().get(0).routingNeighbors()).extracting(RoutingNeighbor::text)
                .containsExactly("169.254.22.4/30", "10.0.0.2");
        assertThat(rtr.peerReaching("169.254.22.6")).map(ExpectedPeer::address).contains("198.51.100.2");
        assertThat(rtr.peerReaching("169.254.22.8")).as("outside the /30").isEmpty();
        assertThat(rtr.peerReaching("10.0.0.2")).map(ExpectedPeer::address).contains("198.51.100.2");
        assertThat(rtr.peers().get(1).routingNeighbors()).isEmpty();
    }

    @Test
    void shouldRefuseARoutingNeighbourThatIsNoAddressOrSubnet() {
        assertThatThrownBy(() -> InventoryLoader.parse("inventory.yaml", """
                devices:
                  - name: rtr-1
                    peers:
                      - {address: 198.51.100.2, routingNeighbors: [hub.example.net]}
                """)).isInstanceOf(InventoryException.class).hasMessageContaining("line 4")
                .hasMessageContaining("must be an IP address or a subnet");
    }

    static Stream<Arguments> brokenYaml() {
        return Stream.of(
                Arguments.of("a tab indents a key", "devices:\n  - name: rtr-1\n\taddresses: [192.0.2.1]\n",
                        "inventory.yaml line 3, column 1: not valid YAML: a tab character: YAML indents with spaces"
                                + " only",
                        "  3 | \taddresses: [192.0.2.1]\n    | ^"),
                Arguments.of("a [ list is not closed", "devices:\n  - name: rtr-1\n    addresses: [192.0.2.1\n"
                                + "  - name: rtr-2\n",
                        "inventory.yaml line 4, column 9: not valid YAML: a '[' list is not closed with ']', or a ','"
                                + " is missing between its items (the '[' list starts at line 3, column 16)",
                        "  4 |   - name: rtr-2\n    |         ^"),
                Arguments.of("a [ list is open at the end of the file", "devices:\n  - name: rtr-1\n"
                                + "    addresses: [192.0.2.1\n",
                        "inventory.yaml line 3, column 26: not valid YAML: a '[' list is not closed with ']', or a ','"
                                + " is missing between its items (the '[' list starts at line 3, column 16)",
                        "  3 |     addresses: [192.0.2.1\n    |                          ^"),
                Arguments.of("a key indented by three spaces", "devices:\n  - name: rtr-1\n   addresses: []\n",
                        "inventory.yaml line 3, column 4: not valid YAML: this line is indented differently from the"
                                + " lines above it (the list starts at line 2, column 3)",
                        "  3 |    addresses: []\n    |    ^"),
                Arguments.of("a key indented deeper than its sibling", "devices:\n  - name: rtr-1\n"
                                + "      addresses: []\n",
                        "inventory.yaml line 3, column 16: not valid YAML: a key where none can start: is the line"
                                + " indented more than the one above, or does a value hold ': ' (then put it in quotes)?",
                        "  3 |       addresses: []\n    |                ^"),
                Arguments.of("a quote is not closed", "devices:\n  - name: 'rtr-1\n",
                        "inventory.yaml line 2, column 17: not valid YAML: a quoted value is not closed (the quoted"
                                + " value starts at line 2, column 11)",
                        "  2 |   - name: 'rtr-1\n    |                 ^"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenYaml")
    void shouldSayWhereAndWhyTheYamlIsBrokenAndShowTheLine(String why, String yaml, String message, String excerpt) {
        assertThatThrownBy(() -> InventoryLoader.parse("inventory.yaml", yaml))
                .isInstanceOfSatisfying(YamlFileException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(message);
                    assertThat(e.excerpt()).isEqualTo(excerpt);
                });
    }

    @Test
    void shouldReportARepeatedKeyAsABrokenYamlFileNotAsAnInventoryMistake() {
        assertThatThrownBy(() -> InventoryLoader.parse("inventory.yaml", "devices:\n  - name: rtr-1\n    name: rtr-2"))
                .isInstanceOf(YamlFileException.class)
                .isNotInstanceOf(InventoryException.class)
                .hasMessage("inventory.yaml line 3: key 'name' appears twice");
    }

    @Test
    void shouldShowTheLineOfAMistakeWithTheCaretUnderTheKey() {
        assertThatThrownBy(() -> InventoryLoader.parse("inventory.yaml",
                "devices:\n  - name: rtr-1\n    snmp: {version: 2c, community: c, pollIntervall: 30s}\n"))
                .isInstanceOfSatisfying(InventoryException.class, e -> {
                    assertThat(e.getMessage()).startsWith("inventory.yaml line 3: unknown key 'pollIntervall'");
                    assertThat(e.excerpt()).isEqualTo("  3 |     snmp: {version: 2c, community: c,"
                            + " pollIntervall: 30s}\n    |                                       ^");
                });
    }

    @Test
    void shouldNameAMissingFileAndAnEmptyOne() throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> InventoryLoader.load(missing)).isInstanceOf(InventoryException.class)
                .hasMessage(missing + ": no such file");

        Path empty = Files.writeString(dir.resolve("empty.yaml"), "");
        assertThatThrownBy(() -> InventoryLoader.load(empty)).isInstanceOf(InventoryException.class)
                .hasMessage(empty + ": empty file; an inventory starts with 'devices:'");
    }

    @Test
    void shouldLoadTheExampleThatShipsInDeploy() {
        Inventory example = InventoryLoader.load(Path.of("..", "deploy", "inventory.example.yaml"));

        assertThat(example.devices()).extracting(Device::name).containsExactly("rtr-hq-1", "rtr-branch-7");
        assertThat(example.byName("rtr-hq-1").orElseThrow().peerOnTunnel("Tunnel7"))
                .map(ExpectedPeer::address).hasValue("198.51.100.7");
    }

    @Test
    void shouldLoadAFileFromDisk() throws Exception {
        Path file = Files.writeString(dir.resolve("inventory.yaml"), FULL);

        assertThat(InventoryLoader.load(file).devices()).hasSize(2);
    }

    @Test
    void shouldRefuseTwoDevicesWithOneAddressWhenBuiltInCodeToo() {
        Device a = new Device("a", List.of("192.0.2.1"), null, null, List.of());
        Device b = new Device("b", List.of("192.0.2.1"), null, null, List.of());

        assertThatThrownBy(() -> new Inventory(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("device 'b' repeats address 192.0.2.1 of 'a'");
    }
}
