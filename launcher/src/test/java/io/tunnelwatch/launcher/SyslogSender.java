package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Sends syslog the way an operator would test a collector: util-linux {@code logger}, over UDP or TCP. */
final class SyslogSender {

    private SyslogSender() {
    }

    static void udp(int port, String line) {
        logger(port, false, line);
    }

    static void tcp(int port, String line) {
        logger(port, true, line);
    }

    /**
     * {@code logger} over TCP with extra options, e.g. {@code --octet-count} (RFC 6587 octet counting instead of a
     * trailing LF), {@code --rfc3164} or {@code --rfc5424} (the header logger puts before the line).
     */
    static void tcp(int port, String line, String... options) {
        List<String> cmd = new ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P", String.valueOf(port), "-T"));
        cmd.addAll(List.of(options));
        cmd.add(line);
        run(cmd);
    }

    private static void logger(int port, boolean tcp, String line) {
        List<String> cmd = new ArrayList<>(List.of("logger", "-n", "127.0.0.1", "-P", String.valueOf(port)));
        cmd.add(tcp ? "-T" : "-d");
        cmd.add(line);
        run(cmd);
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("logger finished").isTrue();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.exitValue()).as("logger exit code, output: %s", out).isZero();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run logger (util-linux bsdutils): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String sessionStatus(int counter, String state, String peer, int port) {
        return "<189>" + counter + ": *Nov 26 10:00:0" + (counter % 10) + ".123: %CRYPTO-5-SESSION_STATUS: Crypto tunnel is "
                + state + ".  Peer " + peer + ":" + port + "  Id: " + peer;
    }
}
