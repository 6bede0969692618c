package io.tunnelwatch.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/Dockerfile checked against the build (Java release, the shaded jar) and the jar's ports and options. */
class DockerfileTest {

    private static final Path REPOSITORY = RepositoryFiles.repository();

    private static String read(String file) throws IOException {
        return Files.readString(REPOSITORY.resolve(file));
    }

    @Test
    void shouldFindTheDockerfileBuildingTheImageTheManifestsRun() throws IOException {
        assertThat(DockerfileCheck.problems(read("deploy/Dockerfile"), read("deploy/Dockerfile.dockerignore"),
                REPOSITORY)).isEmpty();
    }

    @Test
    void shouldJoinContinuationLinesAndSkipComments() {
        assertThat(DockerfileCheck.instructions("# a comment\nRUN a \\\n    && b\n\nUSER 1\n"))
                .extracting(i -> i[0] + " " + i[1]).containsExactly("RUN a      && b", "USER 1");
    }

    private static Arguments mistake(String what, String from, String to, String says) {
        return Arguments.of(what, from, to, says);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("a jar the build does not write", "COPY launcher/target/tunnelwatch.jar",
                        "COPY launcher/target/tunnelwatch-launcher.jar", "the build writes the jar to"),
                mistake("a port the jar does not open", "EXPOSE 5514/udp", "EXPOSE 514/udp", "EXPOSE"),
                mistake("a port the jar opens left out", " 1162/udp", "", "not the ports the jar opens"),
                mistake("a variable the jar does not read", "ENV TUNNELWATCH_DATA_DIR=",
                        "ENV TUNNELWATCH_DATADIR=", "TUNNELWATCH_DATADIR is read by no option"),
                mistake("a Java older than the build's", "FROM eclipse-temurin:17-jre", "FROM eclipse-temurin:11-jre",
                        "not the Java 17 runtime"),
                mistake("an entry point running another jar", "\"-jar\", \"/opt/tunnelwatch/tunnelwatch.jar\"",
                        "\"-jar\", \"/opt/tunnelwatch.jar\"", "does not run java -jar /opt/tunnelwatch/tunnelwatch.jar"),
                mistake("a root user", "USER 10001:10001", "USER root", "must not run as root"),
                mistake("a health check", "CMD [\"--help\"]", "CMD [\"--help\"]\nHEALTHCHECK CMD true", "HEALTHCHECK"));
    }

    @ParameterizedTest(name = "shouldReport {0}")
    @MethodSource("mistakes")
    void shouldReportEveryMistakeOfTheDockerfile(String what, String from, String to, String says)
            throws IOException {
        String dockerfile = read("deploy/Dockerfile");
        assertThat(dockerfile).as("the text to change").contains(from);
        assertThat(DockerfileCheck.problems(dockerfile.replace(from, to), read("deploy/Dockerfile.dockerignore"),
                REPOSITORY)).anySatisfy(problem -> assertThat(problem).contains(says));
    }

    @Test
    void shouldReportABuildContextThatLeavesTheJarOut() throws IOException {
        assertThat(DockerfileCheck.problems(read("deploy/Dockerfile"), "*\n", REPOSITORY))
                .anySatisfy(problem -> assertThat(problem).contains(".dockerignore"));
    }
}
