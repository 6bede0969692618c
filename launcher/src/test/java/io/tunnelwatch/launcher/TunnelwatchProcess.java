package io.tunnelwatch.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar tunnelwatch.jar ARGS} as a child process, the way a user runs it: output collected line by
 * line, stopped with SIGTERM or killed with SIGKILL. The jar is the one {@code mvn package} built.
 */
final class TunnelwatchProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "tunnelwatch.jar");

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private TunnelwatchProcess(Process process) {
        this.process = process;
        this.outReader = collect(process.getInputStream(), out, "out");
        this.errReader = collect(process.getErrorStream(), err, "err");
    }

    static TunnelwatchProcess start(Path workDir, String... args) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run 'mvn package' first");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        // The child's temporary files (native libraries it unpacks) stay in its work directory, which the test
        // removes; and its data directory is not under the OS temp directory wherever the clone lies (/tmp on some
        // CI machines), so tunnelwatch has no reason to warn about it.
        Path tmp = Files.createDirectories(workDir.resolve("jvm-tmp")).toAbsolutePath();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-Djava.io.tmpdir=" + tmp, "-jar",
                JAR.toAbsolutePath().toString()));
        cmd.addAll(List.of(args));
        return new TunnelwatchProcess(new ProcessBuilder(cmd).directory(workDir.toFile()).start());
    }

    private static Thread collect(InputStream stream, List<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "tunnelwatch-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    List<String> stdout() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> stderr() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    /** Writes {@code text} to the process's stdin and closes it (end of input). */
    void input(String text) throws IOException {
        try (var in = process.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    boolean printed(String text) {
        return stdout().stream().anyMatch(l -> l.contains(text));
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as Ctrl-C or a service manager would; returns the exit code, or -1 when it did not end in time. */
    int stop(long timeoutSeconds) throws InterruptedException {
        // Through the handle: Process.destroy() would also close our ends of the pipes and lose the last lines.
        process.toHandle().destroy();
        return waitForExit(timeoutSeconds);
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end and for its output to be read to the end; -1 when it did not end in time. */
    int waitForExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            return -1;
        }
        outReader.join(5_000);
        errReader.join(5_000);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    String describe() {
        return "stdout:\n" + String.join("\n", stdout()) + "\nstderr:\n" + String.join("\n", stderr());
    }
}
