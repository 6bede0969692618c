package io.tunnelwatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool from a Debian package, run as the real part it is. A missing tool fails the test, naming the
 * package (scripts/test installs it): a check that silently skips would prove nothing.
 */
record DebianTool(String command, String debianPackage) {

    static final DebianTool PROMTOOL = new DebianTool("promtool", "prometheus");
    static final DebianTool AMTOOL = new DebianTool("amtool", "prometheus-alertmanager");
    static final DebianTool ALERTMANAGER = new DebianTool("prometheus-alertmanager", "prometheus-alertmanager");

    /** What a finished run printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    Path executable() {
        List<String> dirs = new ArrayList<>(
                Arrays.asList(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/bin", "/usr/sbin", "/bin"));
        Optional<Path> found = dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, command))
                .filter(Files::isExecutable).findFirst();
        assertThat(found).as("%s, from Debian's %s package (scripts/test installs it: apt-get install %s)",
                command, debianPackage, debianPackage).isPresent();
        return found.orElseThrow();
    }

    /** Runs the tool in {@code workDir} and waits for it (60 s at most). */
    Result run(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> commandLine = commandLine(args);
        Path output = Files.createTempFile("tunnelwatch-" + command, ".out");
        try {
            Process process = new ProcessBuilder(commandLine).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                fail("%s did not finish within 60 s", commandLine);
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Starts the tool as a server; the caller stops it. Its output goes to {@code log}. */
    Process start(Path log, String... args) throws IOException {
        return new ProcessBuilder(commandLine(args)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private List<String> commandLine(String... args) {
        List<String> commandLine = new ArrayList<>();
        commandLine.add(executable().toString());
        commandLine.addAll(List.of(args));
        return commandLine;
    }
}
