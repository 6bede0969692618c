package io.tunnelwatch.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the deploy files must agree with in the repository: its version, the build, and the Prometheus rules. */
final class RepositoryFiles {

    private static final Pattern JOB_SELECTOR = Pattern.compile("job=~\"([^\"]+)\"");

    private RepositoryFiles() {
    }

    /** The repository root, from the launcher module's directory where its tests run. */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("launcher/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }
    /** The project's version (the root pom's): the tag of the image deploy/Dockerfile builds. */
    static String projectVersion(Path repository) {
        return pomValue(repository.resolve("pom.xml"), "<artifactId>tunnelwatch-parent</artifactId>\\s*<version>([^<]+)</version>");
    }

    /** The Kafka version the jar is built with (the root pom's {@code kafka.version}). */
    static String kafkaVersion(Path repository) {
        return pomValue(repository.resolve("pom.xml"), "<kafka.version>([^<]+)</kafka.version>");
    }

    /** The first group of {@code regex}'s first match in the pom file {@code pom}. */
    static String pomValue(Path pom, String regex) {
        try {
            Matcher m = Pattern.compile(regex).matcher(Files.readString(pom));
            if (!m.find()) {
                throw new IllegalStateException("no " + regex + " in " + pom);
            }
            return m.group(1).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rule files of the repository, sorted by name. */
    static List<Path> ruleFiles(Path repository) {
        try (Stream<Path> files = Files.list(repository.resolve("dashboards/prometheus/rules"))) {
            return files.filter(f -> f.getFileName().toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The groups of every rule file, in file order: what a PrometheusRule made of them must hold. */
    static List<JsonNode> ruleGroups(Path repository) {
        List<JsonNode> groups = new ArrayList<>();
        for (Path file : ruleFiles(repository)) {
            StrictYaml.read(file).path("groups").forEach(groups::add);
        }
        return groups;
    }

    /** The job selectors of the rules ({@code job=~"…"}): the job names a scrape must give tunnelwatch. */
    static List<Pattern> ruleJobPatterns(Path repository) {
        List<Pattern> patterns = new ArrayList<>();
        for (Path file : ruleFiles(repository)) {
            try {
                Matcher m = JOB_SELECTOR.matcher(Files.readString(file));
                while (m.find()) {
                    Pattern p = Pattern.compile(m.group(1));
                    if (patterns.stream().noneMatch(q -> q.pattern().equals(p.pattern()))) {
                        patterns.add(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return patterns;
    }

}
