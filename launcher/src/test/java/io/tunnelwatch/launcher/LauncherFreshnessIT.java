package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code ./tunnelwatch} script's freshness check ({@code TUNNELWATCH_CHECK_ONLY=1}), run against a small
 * throwaway git repository with a fake jar: the jar is stale only when a build input (a pom.xml or a file under a
 * src/ directory that git does not ignore) is newer than it, never because of what the build writes under target/.
 */
class LauncherFreshnessIT {

    private static final Path SCRIPT = Path.of("..", "tunnelwatch").toAbsolutePath().normalize();
    private static final Instant BUILT = Instant.parse("2026-01-05T09:00:00Z");

    @TempDir
    Path repo;

    @BeforeEach
    void createARepositoryWithABuiltJar() throws Exception {
        Files.copy(SCRIPT, repo.resolve("tunnelwatch"), StandardCopyOption.COPY_ATTRIBUTES);
        write(".gitignore", "target/\n");
        write("pom.xml", "<project/>\n");
        write("README.md", "# readme\n");
        write("core/pom.xml", "<project/>\n");
        write("core/src/main/java/A.java", "class A {}\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=test", "-c", "user.email=test@tunnelwatch.invalid", "commit", "-q", "-m", "sources");
        write("launcher/target/tunnelwatch.jar", "not really a jar");
        try (var files = Files.walk(repo)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(f, FileTime.from(BUILT.minusSeconds(60)));
            }
        }
        Files.setLastModifiedTime(repo.resolve("launcher/target/tunnelwatch.jar"), FileTime.from(BUILT));
    }

    @Test
    void shouldCallTheJarFreshWhenNothingChangedSinceItWasBuilt() throws Exception {
        assertThat(check()).isEqualTo("fresh");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "benchmarks/target/generated-sources/annotations/Bench_jmhTest.java", // written by the build itself
        "core/target/classes/A.class",
        "README.md",
        "fleet.yaml", // an inventory the user wrote beside the sources
    })
    void shouldCallTheJarFreshWhenOnlyAFileThatIsNoBuildInputChanged(String path) throws Exception {
        changedAfterBuild(path);

        assertThat(check()).isEqualTo("fresh");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "core/src/main/java/A.java",
        "pom.xml",
        "core/pom.xml",
        "core/src/main/java/B.java", // new and not yet added to git
    })
    void shouldCallTheJarStaleWhenABuildInputChanged(String path) throws Exception {
        changedAfterBuild(path);

        assertThat(check()).isEqualTo("stale");
    }

    @Test
    void shouldCallTheJarStaleWhenItIsMissing() throws Exception {
        Files.delete(repo.resolve("launcher/target/tunnelwatch.jar"));

        assertThat(check()).isEqualTo("stale");
    }

    @Test
    void shouldSkipEveryTargetDirectoryWithoutGit() throws Exception {
        deleteGitDirectory();
        changedAfterBuild("benchmarks/target/generated-sources/annotations/Bench_jmhTest.java");

        assertThat(check()).isEqualTo("fresh");
    }

    @Test
    void shouldCallTheJarStaleWithoutGitWhenASourceChanged() throws Exception {
        deleteGitDirectory();
        changedAfterBuild("core/src/main/java/A.java");

        assertThat(check()).isEqualTo("stale");
    }

    private void changedAfterBuild(String path) throws IOException {
        Path file = repo.resolve(path);
        if (!Files.exists(file)) {
            write(path, "changed\n");
        }
        Files.setLastModifiedTime(file, FileTime.from(BUILT.plusSeconds(60)));
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private void deleteGitDirectory() throws IOException {
        try (var files = Files.walk(repo.resolve(".git"))) {
            for (Path f : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(f);
            }
        }
    }

    private String check() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", repo.resolve("tunnelwatch").toString())
                .redirectErrorStream(true);
        pb.environment().put("TUNNELWATCH_CHECK_ONLY", "1");
        // never let git find a repository above the temporary one
        pb.environment().put("GIT_CEILING_DIRECTORIES", repo.getParent().toString());
        return run(pb).strip();
    }

    private void git(String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(concat("git", args)).directory(repo.toFile()).redirectErrorStream(true);
        run(pb);
    }

    private static String run(ProcessBuilder pb) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", pb.command()).isTrue();
        assertThat(p.exitValue()).as("%s: %s", pb.command(), out).isZero();
        return out;
    }

    private static List<String> concat(String first, String... rest) {
        return Stream.concat(Stream.of(first), Stream.of(rest)).toList();
    }
}
