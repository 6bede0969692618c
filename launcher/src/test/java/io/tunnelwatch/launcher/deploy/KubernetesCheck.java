package io.tunnelwatch.launcher.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.openshift.api.model.monitoring.v1.PodMetricsEndpoint;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.tunnelwatch.launcher.deploy.RoleInvocation.Listener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks the Kubernetes manifests of deploy/k8s against the jar and the repository: every object parses strictly into
 * its model class; every container's arguments and environment are ones its role accepts; its ports, probes and
 * Services match the ports those options open; every file an option names is mounted from a ConfigMap of the
 * manifests and reads with the jar's own loader; the streams state is on a claim; the PodMonitor scrapes every pod
 * as a job the rules select; the PrometheusRule holds exactly the groups of the rule files.
 */
final class KubernetesCheck {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "ConfigMap", ConfigMap.class, "Service", Service.class, "Deployment", Deployment.class,
            "StatefulSet", StatefulSet.class, "PodMonitor", PodMonitor.class,
            "PrometheusRule", PrometheusRule.class);
    static final String KUSTOMIZATION = "kustomization.yaml";

    /** A Deployment or StatefulSet: its pod template, and the claims of a StatefulSet. */
    record Workload(String name, PodTemplateSpec template, Set<String> claims, StatefulSet statefulSet) {
        Map<String, String> labels() {
            return template.getMetadata().getLabels();
        }
    }

    private final Path repository;
    private final String version;
    private final List<String> problems = new ArrayList<>();
    private final List<HasMetadata> objects = new ArrayList<>();
    private final Map<String, ConfigMap> configMaps = new TreeMap<>();
    private final List<Workload> workloads = new ArrayList<>();
    private final Map<Workload, List<RoleInvocation>> invocations = new LinkedHashMap<>();
    private final List<JsonNode> manifestRuleGroups = new ArrayList<>();

    private KubernetesCheck(Path repository, String version) {
        this.repository = repository;
        this.version = version;
    }

    /** The problems of the manifests {@code files} (file name to text); none when they match the jar. */
    static List<String> problems(Map<String, String> files, Path repository, String version) {
        KubernetesCheck check = new KubernetesCheck(repository, version);
        check.run(new TreeMap<>(files));
        return check.problems;
    }

    /** The YAML files of a directory, by name. */
    static Map<String, String> read(Path directory) {
        Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(directory)) {
            for (Path file : list.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                files.put(file.getFileName().toString(), Files.readString(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private void run(Map<String, String> files) {
        files.forEach((name, text) -> {
            if (!name.equals(KUSTOMIZATION)) {
                parse(name, text);
            }
        });
        if (files.containsKey(KUSTOMIZATION)) {
            checkKustomization(files.get(KUSTOMIZATION), files.keySet());
        }
        for (HasMetadata object : objects) {
            if (object instanceof ConfigMap c) {
                configMaps.put(c.getMetadata().getName(), c);
            } else if (object instanceof Deployment d) {
                workloads.add(new Workload(d.getMetadata().getName(), d.getSpec().getTemplate(), Set.of(), null));
            } else if (object instanceof StatefulSet s) {
                Set<String> claims = new TreeSet<>();
                s.getSpec().getVolumeClaimTemplates().forEach(c -> claims.add(c.getMetadata().getName()));
                workloads.add(new Workload(s.getMetadata().getName(), s.getSpec().getTemplate(), claims, s));
            }
        }
        workloads.forEach(this::checkWorkload);
        objects.stream().filter(Service.class::isInstance).map(Service.class::cast).forEach(this::checkService);
        checkEveryListenerHasAService();
        checkPodMonitors();
        checkPrometheusRules();
    }

    private void parse(String file, String text) {
        List<JsonNode> documents;
        try {
            documents = StrictYaml.documents(text);
        } catch (IOException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
            return;
        }
        for (JsonNode document : documents) {
            String kind = document.path("kind").asText();
            Class<? extends HasMetadata> type = KINDS.get(kind);
            if (type == null) {
                problems.add(file + ": kind '" + kind + "' is none of " + new TreeSet<>(KINDS.keySet()));
                continue;
            }
            try {
                HasMetadata object = StrictYaml.MAPPER.treeToValue(document, type);
                if (!HasMetadata.getApiVersion(type).equals(object.getApiVersion())) {
                    problems.add(file + ": " + kind + " has apiVersion " + object.getApiVersion() + ", not "
                            + HasMetadata.getApiVersion(type));
                }
                objects.add(object);
                if (object instanceof PrometheusRule) {
                    document.path("spec").path("groups").forEach(manifestRuleGroups::add);
                }
            } catch (IOException e) {
                problems.add(file + ": " + kind + " " + document.path("metadata").path("name").asText() + ": "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }

    private void checkKustomization(String text, Set<String> files) {
        try {
            Set<String> listed = new TreeSet<>();
            StrictYaml.MAPPER.readTree(text).path("resources").forEach(r -> listed.add(r.asText()));
            Set<String> manifests = new TreeSet<>(files);
            manifests.remove(KUSTOMIZATION);
            if (!listed.equals(manifests)) {
                problems.add(KUSTOMIZATION + ": resources " + listed + " are not the manifests " + manifests);
            }
        } catch (IOException e) {
            problems.add(KUSTOMIZATION + ": " + e.getMessage());
        }
    }

    private void checkWorkload(Workload workload) {
        Map<String, String> selector = workload.statefulSet() != null
                ? workload.statefulSet().getSpec().getSelector().getMatchLabels()
                : objects.stream().filter(o -> o instanceof Deployment d
                        && d.getMetadata().getName().equals(workload.name())).map(Deployment.class::cast)
                        .findFirst().orElseThrow().getSpec().getSelector().getMatchLabels();
        if (!workload.labels().entrySet().containsAll(selector.entrySet())) {
            problems.add(workload.name() + ": the selector " + selector + " does not select its own pods");
        }
        for (Container container : workload.template().getSpec().getContainers()) {
            new ContainerCheck(workload, container).run();
        }
    }

    /** The checks of one container of a workload. */
    private final class ContainerCheck {
        private final Workload workload;
        private final Container container;
        private final String where;

        ContainerCheck(Workload workload, Container container) {
            this.workload = workload;
            this.container = container;
            this.where = workload.name() + "/" + container.getName();
        }

        void run() {
            String image = container.getImage();
            if (!("tunnelwatch:" + version).equals(image)) {
                problems.add(where + ": image " + image + " is not the image deploy/Dockerfile builds, tunnelwatch:"
                        + version);
            }
            if (container.getCommand() != null && !container.getCommand().isEmpty()) {
                problems.add(where + ": command " + container.getCommand() + " replaces the image's java -jar");
            }
            Map<String, String> environment = new LinkedHashMap<>();
            for (EnvVar variable : container.getEnv()) {
                environment.put(variable.getName(), variable.getValue() == null ? "" : variable.getValue());
            }
            RoleInvocation process = RoleInvocation.of(where, container.getArgs(), environment);
            problems.addAll(process.problems());
            if (!process.parsed()) {
                return;
            }
            invocations.computeIfAbsent(workload, w -> new ArrayList<>()).add(process);
            checkPorts(process);
            checkProbe("liveness", container.getLivenessProbe(), "/healthz", process);
            checkProbe("readiness", container.getReadinessProbe(), "/readyz", process);
            process.files().forEach(this::checkMountedFile);
            if ("streams".equals(process.role()) || "run".equals(process.role())) {
                checkStateVolume(process.dataDirectory());
            }
            if (process.spoolDirectory() != null && mountOf(process.spoolDirectory().resolve("x")) == null) {
                problems.add(where + ": the spool " + process.spoolDirectory() + " (--spool-dir, or spool in"
                        + " --data-dir) is on no volume: the collector could not write it, and it would not outlive"
                        + " the container");
            }
            if (container.getSecurityContext() != null
                    && Boolean.TRUE.equals(container.getSecurityContext().getReadOnlyRootFilesystem())
                    && mountOf(Path.of("/tmp/x")) == null) {
                problems.add(where + ": a read-only root file system needs a volume on /tmp (native libraries)");
            }
        }

        private void checkPorts(RoleInvocation process) {
            Set<String> declared = new TreeSet<>();
            for (ContainerPort port : container.getPorts()) {
                declared.add(Objects.requireNonNullElse(port.getProtocol(), "TCP") + "/" + port.getContainerPort());
            }
            Set<String> opened = new TreeSet<>();
            process.listeners().forEach(l -> opened.add(l.key()));
            if (!declared.equals(opened)) {
                problems.add(where + ": containerPorts " + declared + " are not the ports its options open "
                        + opened + " (" + process.listeners() + ")");
            }
        }

        private void checkProbe(String kind, Probe probe, String path, RoleInvocation process) {
            if (probe == null || probe.getHttpGet() == null) {
                problems.add(where + ": no HTTP " + kind + " probe on " + path);
                return;
            }
            if (!path.equals(probe.getHttpGet().getPath())) {
                problems.add(where + ": the " + kind + " probe asks " + probe.getHttpGet().getPath() + ", not " + path);
            }
            Integer port = containerPort(container, probe.getHttpGet().getPort(), "TCP");
            if (port == null || port != process.httpPort()) {
                problems.add(where + ": the " + kind + " probe's port " + probe.getHttpGet().getPort().getValue()
                        + " is not the HTTP port " + process.httpPort() + " (--http-port)");
            }
        }

        private void checkMountedFile(String option, Path file) {
            VolumeMount mount = mountOf(file);
            if (mount == null) {
                problems.add(where + ": " + option + " " + file + " is on no volume mount");
                return;
            }
            Volume volume = workload.template().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
            if (volume == null || volume.getConfigMap() == null) {
                problems.add(where + ": " + option + " " + file + " is not mounted from a ConfigMap");
                return;
            }
            String key = Path.of(mount.getMountPath()).relativize(file).toString();
            if (volume.getConfigMap().getItems() != null && !volume.getConfigMap().getItems().isEmpty()) {
                key = volume.getConfigMap().getItems().stream().filter(i -> i.getPath().equals(
                        Path.of(mount.getMountPath()).relativize(file).toString())).map(i -> i.getKey())
                        .findFirst().orElse(null);
            }
            ConfigMap map = configMaps.get(volume.getConfigMap().getName());
            String content = map == null || key == null || map.getData() == null ? null : map.getData().get(key);
            if (content == null) {
                problems.add(where + ": " + option + " " + file + ": ConfigMap " + volume.getConfigMap().getName()
                        + " has no key " + key);
                return;
            }
            try {
                Path copy = Files.createTempFile("tunnelwatch-configmap-", "-" + file.getFileName());
                try {
                    Files.writeString(copy, content);
                    String complaint = RoleInvocation.readAsTheJarDoes(option, copy);
                    if (complaint != null) {
                        problems.add(where + ": " + option + " " + file + " (ConfigMap " + map.getMetadata().getName()
                                + "): " + complaint);
                    }
                } finally {
                    Files.deleteIfExists(copy);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void checkStateVolume(Path dataDirectory) {
            VolumeMount mount = mountOf(dataDirectory.resolve("streams"));
            if (mount == null || !workload.claims().contains(mount.getName())) {
                problems.add(where + ": --data-dir " + dataDirectory + " (Kafka Streams state) is on no"
                        + " volumeClaimTemplate of a StatefulSet");
            }
        }

        private VolumeMount mountOf(Path file) {
            return RoleInvocation.mountOf(file, container.getVolumeMounts(), VolumeMount::getMountPath);
        }
    }

    private static Integer containerPort(Container container, IntOrString port, String protocol) {
        for (ContainerPort p : container.getPorts()) {
            String proto = Objects.requireNonNullElse(p.getProtocol(), "TCP");
            boolean named = port.getStrVal() != null && port.getStrVal().equals(p.getName());
            boolean numbered = port.getIntVal() != null && port.getIntVal().equals(p.getContainerPort());
            if ((named || numbered) && proto.equals(protocol)) {
                return p.getContainerPort();
            }
        }
        return null;
    }

    private void checkService(Service service) {
        String name = service.getMetadata().getName();
        Map<String, String> selector = service.getSpec().getSelector();
        List<Workload> selected = workloads.stream()
                .filter(w -> selector != null && w.labels().entrySet().containsAll(selector.entrySet())).toList();
        if (selected.size() != 1) {
            problems.add("Service " + name + ": selects " + selected.size() + " workloads, not one");
            return;
        }
        Workload workload = selected.get(0);
        String type = service.getSpec().getType();
        boolean external = "LoadBalancer".equals(type) || "NodePort".equals(type);
        for (ServicePort port : service.getSpec().getPorts()) {
            String protocol = Objects.requireNonNullElse(port.getProtocol(), "TCP");
            IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
            Integer containerPort = workload.template().getSpec().getContainers().stream()
                    .map(c -> containerPort(c, target, protocol)).filter(Objects::nonNull).findFirst().orElse(null);
            if (containerPort == null) {
                problems.add("Service " + name + ": port " + port.getPort() + "/" + protocol + " targets "
                        + target.getValue() + ", which no container of " + workload.name() + " opens");
                continue;
            }
            boolean ingest = listenersOf(workload).stream().anyMatch(l -> l.port() == containerPort
                    && l.protocol().equals(protocol) && !l.option().equals("--http-port"));
            if (external && ingest && !"Local".equals(service.getSpec().getExternalTrafficPolicy())) {
                problems.add("Service " + name + ": externalTrafficPolicy must be Local: the collector names a"
                        + " device by the address its syslog and traps come from");
            }
        }
    }

    private List<Listener> listenersOf(Workload workload) {
        List<Listener> listeners = new ArrayList<>();
        invocations.getOrDefault(workload, List.of()).forEach(p -> listeners.addAll(p.listeners()));
        return listeners;
    }

    private void checkEveryListenerHasAService() {
        for (Workload workload : workloads) {
            for (Listener listener : listenersOf(workload)) {
                if (listener.option().equals("--http-port")) {
                    continue;
                }
                boolean served = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                        .filter(s -> s.getSpec().getSelector() != null
                                && workload.labels().entrySet().containsAll(s.getSpec().getSelector().entrySet()))
                        .flatMap(s -> s.getSpec().getPorts().stream())
                        .anyMatch(p -> Objects.requireNonNullElse(p.getProtocol(), "TCP").equals(listener.protocol())
                                && workload.template().getSpec().getContainers().stream().anyMatch(c -> Objects.equals(
                                containerPort(c, p.getTargetPort(), listener.protocol()), listener.port())));
                if (!served) {
                    problems.add(workload.name() + ": " + listener.key() + " (" + listener.option()
                            + ") is reachable through no Service");
                }
            }
        }
    }

    private void checkPodMonitors() {
        List<PodMonitor> monitors = objects.stream().filter(PodMonitor.class::isInstance)
                .map(PodMonitor.class::cast).toList();
        List<Pattern> jobs = RepositoryFiles.ruleJobPatterns(repository);
        for (Workload workload : invocations.keySet()) {
            List<PodMonitor> scraping = monitors.stream().filter(m -> workload.labels().entrySet()
                    .containsAll(m.getSpec().getSelector().getMatchLabels().entrySet())).toList();
            if (scraping.size() != 1) {
                problems.add(workload.name() + ": scraped by " + scraping.size() + " PodMonitors, not one");
                continue;
            }
            PodMonitor monitor = scraping.get(0);
            String job = workload.labels().get(monitor.getSpec().getJobLabel());
            for (Pattern pattern : jobs) {
                if (job == null || !pattern.matcher(job).matches()) {
                    problems.add(workload.name() + ": its Prometheus job (pod label " + monitor.getSpec().getJobLabel()
                            + ") is " + job + ", which the rules' job=~\"" + pattern + "\" does not select");
                }
            }
            for (PodMetricsEndpoint endpoint : monitor.getSpec().getPodMetricsEndpoints()) {
                Integer port = workload.template().getSpec().getContainers().stream()
                        .map(c -> containerPort(c, new IntOrString(endpoint.getPort()), "TCP"))
                        .filter(Objects::nonNull).findFirst().orElse(null);
                boolean http = invocations.get(workload).stream().anyMatch(p -> Objects.equals(port, p.httpPort()));
                if (!http || !"/metrics".equals(endpoint.getPath())) {
                    problems.add("PodMonitor " + monitor.getMetadata().getName() + ": scrapes " + endpoint.getPort()
                            + endpoint.getPath() + " of " + workload.name() + ", not /metrics on its HTTP port");
                }
            }
        }
    }

    private void checkPrometheusRules() {
        // as JSON trees: key order and YAML style do not count, every key and value does
        if (!manifestRuleGroups.equals(RepositoryFiles.ruleGroups(repository))) {
            problems.add("PrometheusRule: its groups are not those of dashboards/prometheus/rules/*.yml"
                    + " (run scripts/generate-prometheusrule)");
        }
    }
}
