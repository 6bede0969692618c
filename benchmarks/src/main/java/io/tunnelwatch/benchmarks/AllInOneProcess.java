package io.tunnelwatch.benchmarks;

import io.tunnelwatch.broker.PortProbe;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar JAR ROLE …} with an embedded broker on free loopback ports and its data in a directory of the
 * caller's, output to {@code run.log} there: the all-in-one as the harnesses drive it.
 */
final class AllInOneProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    final int kafkaPort = PortProbe.freePort();
    final int httpPort = PortProbe.freePort();
    final int syslogPort = PortProbe.freePort();
    final int trapPort = PortProbe.freePort();

    private AllInOneProcess(Path jar, String heap, List<String> jvmOptions, Path dir, String role, List<String> extra)
            throws IOException {
        this.log = dir.resolve("run.log");
        List<String> command = javaCommand(jar, heap, jvmOptions, role);
        command.addAll(List.of("--data-dir", dir.resolve("data").toString(),
                "--kafka-port", Integer.toString(kafkaPort),
                "--kafka-controller-port", Integer.toString(PortProbe.freePort()),
                "--http-host", "127.0.0.1", "--http-port", Integer.toString(httpPort),
                "--syslog-host", "127.0.0.1", "--syslog-port", Integer.toString(syslogPort),
                "--syslog-tls-port", "-1",
                "--trap-host", "127.0.0.1", "--trap-port", Integer.toString(trapPort)));
        command.addAll(extra);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // As ./tunnelwatch and the image start it (docs/reliability.md#soak); a value already set is kept.
        builder.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        this.process = builder.start();
    }

    /** Starts it and returns once {@code /readyz} answers 200. */
    static AllInOneProcess startReady(Path jar, String heap, Path dir, String role, String... extra)
            throws Exception {
        return startReady(jar, heap, List.of(), dir, role, extra);
    }

    /** The same, with these JVM options after the heap's (so an {@code -Xmx} among them wins). */
    static AllInOneProcess startReady(Path jar, String heap, List<String> jvmOptions, Path dir, String role,
            String... extra) throws Exception {
        AllInOneProcess started = new AllInOneProcess(jar, heap, jvmOptions, dir, role, List.of(extra));
        try {
            started.awaitReady();
            return started;
        } catch (Exception | Error e) {
            started.close();
            throw e;
        }
    }

    static List<String> javaCommand(Path jar, String heap, String... cliArgs) {
        return javaCommand(jar, heap, List.of(), cliArgs);
    }

    /** {@code java -Xmx… JVM_OPTIONS -jar JAR ARGS}, the java that runs this harness. */
    static List<String> javaCommand(Path jar, String heap, List<String> jvmOptions, String... cliArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(cliArgs));
        return command;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url("/readyz"))).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the HTTP port opens a moment after the JVM starts
            }
            Thread.sleep(250); // polling an HTTP endpoint of another process
        }
        throw new IllegalStateException("the all-in-one was not ready within " + READY_TIMEOUT + "; see " + log);
    }

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    Process process() {
        return process;
    }

    void requireAlive() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("the all-in-one exited with " + process.exitValue() + ": "
                    + Files.readString(log));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
