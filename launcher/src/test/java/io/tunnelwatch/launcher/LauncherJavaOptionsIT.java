package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM that {@code ./tunnelwatch} starts, with the real java and the built jar copied beside the script: a 1 GiB
 * heap by default, and {@code TUNNELWATCH_JAVA_OPTS} instead when set (docs/configuration.md#jvm-and-logs).
 * {@code -Xlog:gc*} in {@code JAVA_TOOL_OPTIONS}, which the script does not read, makes the JVM say which heap and
 * garbage collector it runs.
 */
class LauncherJavaOptionsIT {

    private static final Path SCRIPT = Path.of("..", "tunnelwatch").toAbsolutePath().normalize();

    @TempDir
    Path repo;

    @BeforeEach
    void copyTheScriptAndTheBuiltJar() throws Exception {
        Files.copy(SCRIPT, repo.resolve("tunnelwatch"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(repo.resolve("launcher/target"));
        Files.copy(TunnelwatchProcess.JAR, repo.resolve("launcher/target/tunnelwatch.jar"));
    }

    @Test
    void shouldRunWithAGigabyteHeapByDefault() throws Exception {
        String out = runHelp(null);

        assertThat(out).contains("Heap Max Capacity: 1G").contains("Usage: tunnelwatch");
    }

    @Test
    void shouldRunTheOptionsTheUserSets() throws Exception {
        String out = runHelp("-Xmx256m -XX:+UseSerialGC");

        assertThat(out).contains("Heap Max Capacity: 256M").contains("Using Serial").contains("Usage: tunnelwatch");
    }

    /** {@code ./tunnelwatch --help} with these options (null: none set); the JVM logs its collector and heap. */
    private String runHelp(String javaOpts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("tunnelwatch").toString(), "--help")
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.remove("TUNNELWATCH_JAVA_OPTS");
        if (javaOpts != null) {
            env.put("TUNNELWATCH_JAVA_OPTS", javaOpts);
        }
        env.put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // read by the JVM itself, past the script: what the JVM chose, said on standard output
        env.put("JAVA_TOOL_OPTIONS", "-Xlog:gc*:stdout");
        env.remove("JDK_JAVA_OPTIONS");
        // the copy is no git work tree: never let git find the repository the test runs in
        env.put("GIT_CEILING_DIRECTORIES", repo.getParent().toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("./tunnelwatch --help finished").isTrue();
        assertThat(p.exitValue()).as("./tunnelwatch --help: %s", out).isZero();
        return out;
    }
}
