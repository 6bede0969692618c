package io.tunnelwatch.launcher.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * YAML read strictly: repeated keys and unknown fields are errors. The Kubernetes model classes keep unknown fields
 * in an "additional properties" map through {@code @JsonAnySetter}; this mapper ignores that annotation, so a field
 * the model does not have fails the read as {@code FAIL_ON_UNKNOWN_PROPERTIES} says.
 */
final class StrictYaml {

    static final ObjectMapper MAPPER = YAMLMapper.builder(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated annotated) {
                    return Boolean.FALSE;
                }
            })
            .build();

    private static final Pattern JOB_SELECTOR = Pattern.compile("job=~\"([^\"]+)\"");

    private StrictYaml() {
    }

    /** Every document of a (multi-document) YAML text. */
    static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> documents = new ArrayList<>();
        try (var values = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            while (values.hasNext()) {
                JsonNode document = (JsonNode) values.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
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
            read(file).path("groups").forEach(groups::add);
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

    /** Of the mounts, the one {@code file} lies in: the deepest whose target ({@code targetOf}) holds it; or null. */
    static <M> M mountOf(Path file, List<M> mounts, Function<M, String> targetOf) {
        return mounts.stream().filter(m -> file.normalize().startsWith(Path.of(targetOf.apply(m))))
                .max(Comparator.comparingInt(m -> Path.of(targetOf.apply(m)).getNameCount())).orElse(null);
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
}
