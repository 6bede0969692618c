package io.tunnelwatch.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.tunnelwatch.launcher.deploy.ComposeFile.Mount;
import io.tunnelwatch.launcher.deploy.ComposeFile.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks deploy/compose/compose.yaml against the jar and the repository: the file reads strictly; every tunnelwatch
 * service's command and environment are ones its role accepts, its published ports are the ports those options
 * open, and the files its options name are bind-mounted from the repository and read with the jar's own loaders;
 * the streams instances share an application id and keep their state on volumes of their own; Kafka advertises the
 * address the roles are given; Prometheus scrapes every tunnelwatch service as a job the rules select and loads the
 * rule files; Alertmanager and Grafana mount the repository's configuration and dashboards.
 */
final class ComposeCheck {

    private static final String HTTP = "--http-port";

    private final Path directory;
    private final Path repository;
    private final String version;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, RoleInvocation> tunnelwatch = new LinkedHashMap<>();
    private ComposeFile compose;

    private ComposeCheck(Path directory, Path repository, String version) {
        this.directory = directory;
        this.repository = repository;
        this.version = version;
    }

    /** The problems of {@code yaml}, a compose file whose relative paths start at {@code directory}. */
    static List<String> problems(String yaml, Path directory, Path repository, String version) {
        ComposeCheck check = new ComposeCheck(directory, repository, version);
        check.run(yaml);
        return check.problems;
    }

    private void run(String yaml) {
        try {
            compose = StrictYaml.MAPPER.readValue(yaml, ComposeFile.class);
        } catch (IOException e) {
            problems.add("compose.yaml: " + e.getMessage().lines().findFirst().orElse(""));
            return;
        }
        compose.services().forEach(this::checkMounts);
        compose.services().forEach((name, service) -> {
            if (service.image() != null && service.image().startsWith("tunnelwatch:")) {
                checkTunnelwatch(name, service);
            }
        });
        checkStreamsInstances();
        checkSpools();
        checkKafka();
        checkPrometheus();
        checkAlertmanager();
        checkGrafana();
    }

    private void checkMounts(String name, Service service) {
        for (Mount mount : service.mounts()) {
            if (mount.bind() && !Files.exists(directory.resolve(mount.source()))) {
                problems.add(name + ": mounts " + mount.source() + ", which does not exist");
            } else if (!mount.bind() && (compose.volumes() == null || !compose.volumes().containsKey(mount.source()))) {
                problems.add(name + ": mounts volume " + mount.source() + ", which 'volumes:' does not declare");
            }
        }
    }

    private void checkTunnelwatch(String name, Service service) {
        if (!service.image().equals("tunnelwatch:" + version)) {
            problems.add(name + ": image " + service.image() + " is not the image deploy/Dockerfile builds,"
                    + " tunnelwatch:" + version);
        }
        RoleInvocation process = RoleInvocation.of(name, service.commandOrNone(), service.environmentOrNone());
        problems.addAll(process.problems());
        if (!process.parsed()) {
            return;
        }
        tunnelwatch.put(name, process);
        Set<String> published = new TreeSet<>();
        for (String port : service.portsOrNone()) {
            String container = port.substring(port.lastIndexOf(':') + 1);
            String[] portAndProtocol = container.split("/");
            published.add((portAndProtocol.length > 1 ? portAndProtocol[1] : "tcp").toUpperCase() + "/"
                    + portAndProtocol[0]);
        }
        Set<String> opened = new TreeSet<>();
        process.listeners().forEach(l -> opened.add(l.key()));
        if (!published.equals(opened)) {
            problems.add(name + ": publishes " + published + ", not the ports its options open " + opened);
        }
        process.files().forEach((option, file) -> {
            Path source = hostPath(service, file);
            if (source == null) {
                problems.add(name + ": " + option + " " + file + " is bind-mounted from no file of the repository");
            } else {
                String complaint = RoleInvocation.readAsTheJarDoes(option, source);
                if (complaint != null) {
                    problems.add(name + ": " + option + " " + file + " (" + source + "): " + complaint);
                }
            }
        });
    }

    /** The file of the repository bind-mounted at {@code target} in {@code service}, or null. */
    private Path hostPath(Service service, Path target) {
        Mount best = mountOf(service, target);
        return best == null || !best.bind() ? null
                : directory.resolve(best.source()).resolve(Path.of(best.target()).relativize(target)).normalize();
    }

    private static Mount mountOf(Service service, Path target) {
        return RoleInvocation.mountOf(target, service.mounts(), Mount::target);
    }

    /** A collector's spool on a named volume of its own, so that it outlives the container. */
    private void checkSpools() {
        Set<String> spoolVolumes = new TreeSet<>();
        tunnelwatch.forEach((name, process) -> {
            Path spool = process.spoolDirectory();
            if (spool == null) {
                return;
            }
            Mount mount = mountOf(compose.services().get(name), spool.resolve("x"));
            if (mount == null || mount.bind()) {
                problems.add(name + ": the spool " + spool + " (--spool-dir, or spool in --data-dir) is on no named"
                        + " volume: it would not outlive the container");
            } else if (!spoolVolumes.add(mount.source())) {
                problems.add(name + ": shares its spool volume " + mount.source() + " with another collector");
            }
        });
    }

    private void checkStreamsInstances() {
        Set<Object> applicationIds = new TreeSet<>();
        Set<String> stateVolumes = new TreeSet<>();
        tunnelwatch.forEach((name, process) -> {
            if (!process.role().equals("streams")) {
                return;
            }
            applicationIds.add(process.value("--application-id"));
            Mount state = mountOf(compose.services().get(name), process.dataDirectory().resolve("streams"));
            if (state == null || state.bind()) {
                problems.add(name + ": --data-dir " + process.dataDirectory() + " is on no named volume");
            } else if (!stateVolumes.add(state.source())) {
                problems.add(name + ": shares its state volume " + state.source() + " with another instance");
            }
        });
        if (applicationIds.size() > 1) {
            problems.add("the streams instances have different application ids " + applicationIds
                    + ": they would not share the peers but each process them all");
        }
    }

    private void checkKafka() {
        tunnelwatch.forEach((name, process) -> {
            Object servers = process.value("--bootstrap-servers");
            if (servers == null) {
                return;
            }
            for (String address : servers.toString().split(",")) {
                String host = address.trim().split(":")[0];
                Service kafka = compose.services().get(host);
                String advertised = kafka == null ? null
                        : kafka.environmentOrNone().get("KAFKA_ADVERTISED_LISTENERS");
                if (advertised == null || !advertised.contains("//" + address.trim())) {
                    problems.add(name + ": --bootstrap-servers " + address + " is no listener a Kafka service of"
                            + " this file advertises");
                } else if (kafka.healthcheck() == null || !dependsHealthy(compose.services().get(name), host)) {
                    problems.add(name + ": may start before " + host + " is healthy (a healthcheck and"
                            + " depends_on condition service_healthy)");
                }
            }
        });
        String kafkaVersion = RepositoryFiles.kafkaVersion(repository);
        compose.services().forEach((name, service) -> {
            if (service.image() != null && service.image().startsWith("apache/kafka:")
                    && !service.image().equals("apache/kafka:" + kafkaVersion)) {
                problems.add(name + ": image " + service.image() + " is not the Kafka the jar's clients are, "
                        + kafkaVersion);
            }
        });
    }

    private static boolean dependsHealthy(Service service, String on) {
        return service.dependsOn() != null && service.dependsOn().containsKey(on)
                && "service_healthy".equals(service.dependsOn().get(on).condition());
    }

    /** The file a service's {@code --config.file=…} flag names, on the host; null (and a problem) when none. */
    private Path configFile(String name, Service service) {
        for (String argument : service.commandOrNone()) {
            if (argument.startsWith("--config.file=")) {
                Path file = hostPath(service, Path.of(argument.substring("--config.file=".length())));
                if (file == null || !Files.isRegularFile(file)) {
                    problems.add(name + ": " + argument + " is bind-mounted from no file of the repository");
                    return null;
                }
                return file;
            }
        }
        problems.add(name + ": no --config.file");
        return null;
    }

    private Map.Entry<String, Service> serviceWithImage(String image) {
        return compose.services().entrySet().stream().filter(e -> e.getValue().image() != null
                && e.getValue().image().startsWith(image + ":")).findFirst().orElse(null);
    }

    private void checkPrometheus() {
        Map.Entry<String, Service> prometheus = serviceWithImage("prom/prometheus");
        if (prometheus == null) {
            problems.add("no Prometheus service (prom/prometheus)");
            return;
        }
        Path file = configFile(prometheus.getKey(), prometheus.getValue());
        if (file == null) {
            return;
        }
        JsonNode config = StrictYaml.read(file);
        List<Pattern> jobs = RepositoryFiles.ruleJobPatterns(repository);
        Set<String> scraped = new TreeSet<>();
        for (JsonNode scrape : config.path("scrape_configs")) {
            String job = scrape.path("job_name").asText();
            if (jobs.stream().anyMatch(p -> !p.matcher(job).matches())) {
                problems.add("prometheus.yml: job " + job + " is not one the rules select (" + jobs + ")");
            }
            for (JsonNode target : scrape.path("static_configs").findValues("targets")) {
                target.forEach(t -> scraped.add(t.asText()));
            }
        }
        Set<String> expected = new TreeSet<>();
        tunnelwatch.forEach((name, process) -> expected.add(name + ":" + process.httpPort()));
        if (!scraped.equals(expected)) {
            problems.add("prometheus.yml: scrapes " + scraped + ", not every tunnelwatch service's HTTP port "
                    + expected);
        }
        for (JsonNode ruleFiles : config.path("rule_files")) {
            Path pattern = Path.of(ruleFiles.asText());
            Path source = hostPath(prometheus.getValue(), pattern.getParent());
            if (source == null || !source.equals(repository.resolve("dashboards/prometheus/rules"))) {
                problems.add("prometheus.yml: rule_files " + pattern + " are not dashboards/prometheus/rules");
            }
        }
        Map.Entry<String, Service> alertmanager = serviceWithImage("prom/alertmanager");
        String expectedTarget = alertmanager == null ? "(none)" : alertmanager.getKey() + ":9093";
        if (!config.path("alerting").findValues("targets").toString().contains('"' + expectedTarget + '"')) {
            problems.add("prometheus.yml: sends alerts to no Alertmanager service " + expectedTarget);
        }
    }

    private void checkAlertmanager() {
        Map.Entry<String, Service> alertmanager = serviceWithImage("prom/alertmanager");
        if (alertmanager == null) {
            problems.add("no Alertmanager service (prom/alertmanager)");
            return;
        }
        Path file = configFile(alertmanager.getKey(), alertmanager.getValue());
        if (file != null && !file.equals(repository.resolve("dashboards/alertmanager/alertmanager.yml"))) {
            problems.add(alertmanager.getKey() + ": its configuration " + file + " is not"
                    + " dashboards/alertmanager/alertmanager.yml");
        }
    }

    private void checkGrafana() {
        Map.Entry<String, Service> grafana = serviceWithImage("grafana/grafana");
        if (grafana == null) {
            problems.add("no Grafana service (grafana/grafana)");
            return;
        }
        Path provisioning = hostPath(grafana.getValue(), Path.of("/etc/grafana/provisioning"));
        if (provisioning == null || !Files.isDirectory(provisioning)) {
            problems.add("grafana: /etc/grafana/provisioning is bind-mounted from no directory of the repository");
            return;
        }
        Map.Entry<String, Service> prometheus = serviceWithImage("prom/prometheus");
        String url = "http://" + (prometheus == null ? "(none)" : prometheus.getKey()) + ":9090";
        JsonNode datasources = StrictYaml.read(provisioning.resolve("datasources/prometheus.yaml"));
        if (!datasources.findValuesAsText("url").contains(url)) {
            problems.add("grafana: its Prometheus data source is not " + url);
        }
        JsonNode dashboards = StrictYaml.read(provisioning.resolve("dashboards/tunnelwatch.yaml"));
        for (String path : dashboards.findValuesAsText("path")) {
            Path source = hostPath(grafana.getValue(), Path.of(path));
            if (source == null || !source.equals(repository.resolve("dashboards/grafana"))) {
                problems.add("grafana: dashboards are provisioned from " + path + ", which is not dashboards/grafana");
            }
        }
    }
}
