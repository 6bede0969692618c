package io.tunnelwatch.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks deploy/Dockerfile against the build and the jar: the base image's Java is the release the build compiles
 * for, COPY takes the jar the launcher module's shade plugin writes (and the build context lets it through), the
 * entry point runs that jar, every EXPOSEd port is one the jar opens by default (syslog TLS with a certificate), every
 * ENV variable is one every role reads, the user is not root, and there is no HEALTHCHECK.
 */
final class DockerfileCheck {

    private static final Pattern INSTRUCTION = Pattern.compile("(?s)([A-Z]+)\\s+(.*)");

    private final Path repository;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> environment = new TreeMap<>();

    private DockerfileCheck(Path repository) {
        this.repository = repository;
    }

    /** The problems of a Dockerfile and its .dockerignore; none when they build the image the manifests expect. */
    static List<String> problems(String dockerfile, String dockerignore, Path repository) {
        DockerfileCheck check = new DockerfileCheck(repository);
        check.run(instructions(dockerfile), dockerignore);
        return check.problems;
    }

    /** The instructions, continuation lines joined, comments and blank lines left out: {instruction, arguments}. */
    static List<String[]> instructions(String dockerfile) {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile.lines().toList()) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            Matcher m = INSTRUCTION.matcher(current.toString().strip());
            if (m.matches()) {
                instructions.add(new String[] {m.group(1), m.group(2).strip()});
            }
            current.setLength(0);
        }
        return instructions;
    }

    private void run(List<String[]> instructions, String dockerignore) {
        String jar = "launcher/target/" + shadedJarName() + ".jar";
        String copiedTo = null;
        boolean exposed = false;
        String user = null;
        for (String[] instruction : instructions) {
            String arguments = instruction[1];
            switch (instruction[0]) {
                case "FROM" -> checkBase(arguments);
                case "COPY" -> copiedTo = checkCopy(arguments, jar, dockerignore);
                case "ENV" -> readEnvironment(arguments);
                case "EXPOSE" -> {
                    exposed = true;
                    checkExposed(arguments);
                }
                case "USER" -> user = arguments;
                case "ENTRYPOINT" -> checkEntrypoint(arguments, copiedTo);
                case "HEALTHCHECK" -> problems.add("HEALTHCHECK: the orchestrators probe /healthz and /readyz");
                default -> {
                    // RUN, WORKDIR, CMD: nothing the jar decides
                }
            }
        }
        if (!exposed) {
            problems.add("no EXPOSE");
        }
        if (user == null || user.equals("root") || user.startsWith("0:") || user.equals("0")) {
            problems.add("USER " + user + ": the image must not run as root");
        }
        for (String role : List.of("collector", "streams", "run")) {
            problems.addAll(RoleInvocation.of("ENV for '" + role + "'", List.of(role, "--bootstrap-servers",
                    "kafka:9092"), environment).problems());
        }
    }

    private void checkBase(String image) {
        String release = RepositoryFiles.pomValue(repository.resolve("pom.xml"), "<maven.compiler.release>([^<]+)<");
        if (!image.equals("eclipse-temurin:" + release + "-jre")) {
            problems.add("FROM " + image + ": not the Java " + release + " runtime the build compiles for"
                    + " (eclipse-temurin:" + release + "-jre)");
        }
    }

    private String checkCopy(String arguments, String jar, String dockerignore) {
        String[] parts = arguments.split("\\s+");
        if (parts.length != 2 || !parts[0].equals(jar)) {
            problems.add("COPY " + arguments + ": the build writes the jar to " + jar);
        }
        if (!dockerignore.lines().map(String::strip).toList().contains("!" + parts[0])) {
            problems.add(".dockerignore: does not let " + parts[0] + " into the build context");
        }
        return parts[parts.length - 1];
    }

    private void readEnvironment(String arguments) {
        for (String pair : arguments.split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq < 1) {
                problems.add("ENV " + arguments + ": write NAME=VALUE");
                return;
            }
            environment.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
    }

    private void checkExposed(String arguments) {
        Set<String> exposed = new TreeSet<>();
        for (String port : arguments.split("\\s+")) {
            String[] portAndProtocol = port.split("/");
            exposed.add((portAndProtocol.length > 1 ? portAndProtocol[1] : "tcp").toUpperCase() + "/"
                    + portAndProtocol[0]);
        }
        RoleInvocation defaults = RoleInvocation.of("the defaults of 'run'", List.of("run", "--syslog-tls-cert",
                "server.pem", "--syslog-tls-key", "server.key"), environment);
        Set<String> opened = new TreeSet<>();
        defaults.listeners().forEach(l -> opened.add(l.key()));
        if (!exposed.equals(opened)) {
            problems.add("EXPOSE " + exposed + ": not the ports the jar opens by default " + opened);
        }
    }

    private void checkEntrypoint(String arguments, String copiedTo) {
        try {
            JsonNode entrypoint = new ObjectMapper().readTree(arguments);
            List<String> words = new ArrayList<>();
            entrypoint.forEach(w -> words.add(w.asText()));
            int jar = words.indexOf("-jar");
            if (!"java".equals(words.isEmpty() ? null : words.get(0)) || jar < 0 || jar + 1 >= words.size()
                    || !words.get(jar + 1).equals(copiedTo)) {
                problems.add("ENTRYPOINT " + arguments + ": does not run java -jar " + copiedTo);
            }
        } catch (IOException e) {
            problems.add("ENTRYPOINT " + arguments + ": not the exec (JSON) form");
        }
    }

    /** The shaded jar's name: the shade plugin's {@code finalName} in launcher/pom.xml. */
    private String shadedJarName() {
        return RepositoryFiles.pomValue(repository.resolve("launcher/pom.xml"), "<finalName>([^<]+)</finalName>");
    }
}
