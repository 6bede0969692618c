package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A clone of this repository explains itself: no source, script, build file or doc sends the reader to notes that
 * live outside it, and every {@code docs/<page>.md#<section>} a file cites names a page and a heading that exist.
 */
class RepositoryExplainsItselfTest {

    /**
     * Names of notes kept outside the repository. Built from parts so that this file does not name them itself.
     */
    private static final List<String> OUTSIDE = List.of(
            "DESIGN" + ".md", "RUNBOOK" + ".md", "CISCO-" + "FACTS", "seed-ipsec-" + "runbook.txt", "../" + "shared");

    /** The repository root: the launcher module's parent, where its tests run. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", "node_modules");

    private static final Pattern DOC_CITATION = Pattern.compile("docs/([A-Za-z0-9_-]+\\.md)#([A-Za-z0-9_-]+)");

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

    @Test
    void noFileNamesANoteOutsideTheRepository() {
        List<String> found = new ArrayList<>();
        for (Path file : repositoryFiles()) {
            String[] lines = read(file).split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String name : outsideNames(lines[i])) {
                    found.add(ROOT.relativize(file) + ":" + (i + 1) + " names " + name);
                }
            }
        }
        assertThat(found).as("references to notes outside the repository").isEmpty();
    }

    @Test
    void everyCitedDocSectionExists() {
        List<String> broken = new ArrayList<>();
        for (Path file : repositoryFiles()) {
            Matcher m = DOC_CITATION.matcher(read(file));
            while (m.find()) {
                Path page = ROOT.resolve("docs").resolve(m.group(1));
                if (!Files.isRegularFile(page) || !anchors(read(page)).contains(m.group(2))) {
                    broken.add(ROOT.relativize(file) + " cites " + m.group());
                }
            }
        }
        assertThat(broken).as("citations of a doc page or section that does not exist").isEmpty();
    }

    @Test
    void theChecksRecogniseWhatTheyLookFor() {
        assertThat(outsideNames(" * thresholds (" + "DESIGN" + ".md \"Detectors\", " + "RUNBOOK" + ".md \"Layer 1\")"))
                .containsExactly("DESIGN" + ".md", "RUNBOOK" + ".md");
        assertThat(outsideNames("SRC=\"${1:-$ROOT/" + "../" + "shared/bench}\"")).containsExactly("../" + "shared");
        assertThat(outsideNames(" * thresholds (docs/architecture.md#detectors-and-alerts)")).isEmpty();
        assertThat(anchors("## Topology, state stores and timers\n### TunnelFlapping (warning)\n"))
                .containsExactlyInAnyOrder("topology-state-stores-and-timers", "tunnelflapping-warning");
    }

    /** The outside notes a line names. */
    private static List<String> outsideNames(String line) {
        return OUTSIDE.stream().filter(line::contains).toList();
    }

    /** The repository's files outside build output and version control, from the launcher module's directory. */
    private static List<Path> repositoryFiles() {
        assertThat(ROOT.resolve("launcher/pom.xml")).as("the tests run in the launcher module").isRegularFile();
        try (Stream<Path> walk = Files.walk(ROOT)) {
            List<Path> files = walk
                    .filter(p -> ROOT.relativize(p).toString().isEmpty() || !skipped(ROOT.relativize(p)))
                    .filter(Files::isRegularFile)
                    .toList();
            assertThat(files).as("the walk reaches the docs").contains(ROOT.resolve("docs/architecture.md"));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean skipped(Path relative) {
        for (Path part : relative) {
            if (SKIPPED_DIRECTORIES.contains(part.toString())) {
                return true;
            }
        }
        return false;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors a Markdown page's headings get, the way GitHub makes them (lower case, punctuation dropped). */
    private static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
