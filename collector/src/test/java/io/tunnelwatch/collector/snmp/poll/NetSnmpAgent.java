package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.mib.RttMonMib;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private net-snmp {@code snmpd} on 127.0.0.1 and a free UDP port, in the foreground, reading only its own config
 * from a temp dir. CISCO-IPSEC-FLOW-MONITOR-MIB is served by a pass_persist script from a state file that the test
 * rewrites ({@link #serve}). Closing it kills the process.
 */
public final class NetSnmpAgent implements AutoCloseable {

    public static final String COMMUNITY = "tw-public";

    private final Path dir;
    private final Path state;
    private final Path slaState;
    private final int port;
    private final Process process;

    public NetSnmpAgent(Path dir) throws IOException {
        this(dir, List.of());
    }

    /** With extra snmpd.conf lines, e.g. {@code createUser} and {@code rouser} for SNMPv3. */
    NetSnmpAgent(Path dir, List<String> extraConfig) throws IOException {
        this(dir, extraConfig, freePort());
    }

    /** On a given port, e.g. the one of an agent just closed, to stand in for a replaced router. */
    NetSnmpAgent(Path dir, List<String> extraConfig, int port) throws IOException {
        this.port = port;
        this.dir = Files.createDirectories(dir);
        this.state = dir.resolve("state.txt");
        Files.writeString(state, "");
        this.slaState = dir.resolve("sla-state.txt");
        Files.writeString(slaState, "");
        Path script = dir.resolve("pass_persist_table.py");
        try (InputStream in = NetSnmpAgent.class.getResourceAsStream("/snmp/pass_persist_table.py")) {
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path conf = dir.resolve("snmpd.conf");
        Files.writeString(conf, String.join("\n",
                "rocommunity " + COMMUNITY + " 127.0.0.1",
                "pass_persist " + IpsecFlowMonitorMib.IPSEC_FLOW_MONITOR + " " + script + " " + state,
                "pass_persist " + RttMonMib.RTT_MON + " " + script + " " + slaState,
                String.join("\n", extraConfig), ""));
        var builder = new ProcessBuilder(List.of(daemon("snmpd"), "-f", "-Lo", "-C", "-c", conf.toString(),
                "udp:127.0.0.1:" + port));
        // keep snmpd's persistent files (engine boots, USM users) out of /var/lib/snmp
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.toString());
        builder.redirectErrorStream(true).redirectOutput(dir.resolve("snmpd.log").toFile());
        process = builder.start();
    }

    private static int freePort() throws IOException {
        try (DatagramSocket probe = new DatagramSocket(0)) {
            return probe.getLocalPort();
        }
    }

    public int port() {
        return port;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Freezes the agent (SIGSTOP): its socket stays bound, requests go unanswered, as with an overloaded CPU. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Replaces what the pass_persist script serves: lines of {@code OID TYPE VALUE}. */
    public void serve(List<String> lines) {
        write(state, lines);
    }

    /** Replaces the CISCO-RTTMON-MIB (IP SLA) lines, served by a second pass_persist of the same script. */
    void serveSla(List<String> lines) {
        write(slaState, lines);
    }

    private void write(Path file, List<String> lines) {
        try {
            Path next = dir.resolve(file.getFileName() + ".next");
            Files.writeString(next, String.join("\n", lines) + "\n");
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("snmpd.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (process.isAlive()) {
            try {
                resume();                           // a paused snmpd acts on SIGTERM only once continued
            } catch (IOException alreadyGone) {
                // exited between the two calls
            }
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Debian puts daemons in /usr/sbin, which a non-login PATH may lack. */
    private static String daemon(String name) {
        Path sbin = Path.of("/usr/sbin", name);
        return java.nio.file.Files.isExecutable(sbin) ? sbin.toString() : name;
    }
}
