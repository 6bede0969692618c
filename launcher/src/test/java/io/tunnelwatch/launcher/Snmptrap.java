package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** net-snmp's {@code snmptrap}, run to the end with its state and output kept in a test's directory. */
final class Snmptrap {

    private Snmptrap() {
    }

    /** Runs {@code snmptrap ARGS}; fails the test when it does not exit 0 within 20 s. */
    static void send(Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("snmptrap"));
        command.addAll(args);
        Path log = dir.resolve("snmptrap.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SNMP_PERSISTENT_DIR", dir.resolve("net-snmp").toString());
        builder.environment().put("MIBS", "");
        Process p = builder.start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }
}
