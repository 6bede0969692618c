package io.tunnelwatch.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deploy/k8s checked against the jar's options, its loaders and the repository's rule files. */
class KubernetesManifestsTest {

    private static final Path REPOSITORY = RepositoryFiles.repository();
    private static final String VERSION = RepositoryFiles.projectVersion(REPOSITORY);
    private static final Map<String, String> MANIFESTS = KubernetesCheck.read(REPOSITORY.resolve("deploy/k8s"));

    /** A mistake: in {@code file}, {@code from} becomes {@code to}; a problem must contain every one of {@code says}. */
    private static Arguments mistake(String what, String file, String from, String to, String... says) {
        return Arguments.of(what, file, from, to, List.of(says));
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("an option the role does not have", "collector.yaml", "args: [collector, --inventory",
                        "args: [collector, --inventroy", "tunnelwatch-collector/collector", "--inventroy"),
                mistake("an option of another role", "streams.yaml", "args: [streams,",
                        "args: [streams, --trap-port, '1162',", "--trap-port"),
                mistake("an environment variable the jar does not read", "streams.yaml",
                        "name: TUNNELWATCH_APPLICATION_ID", "name: TUNNELWATCH_APP_ID",
                        "TUNNELWATCH_APP_ID is read by no option"),
                mistake("a field the Kubernetes model does not have", "collector.yaml", "          readinessProbe:",
                        "          readynessProbe:", "Deployment tunnelwatch-collector", "readynessProbe"),
                mistake("a containerPort the options do not open", "collector.yaml", "containerPort: 1162",
                        "containerPort: 162", "containerPorts", "UDP/162"),
                mistake("a port option the containerPorts do not follow", "collector.yaml", "args: [collector,",
                        "args: [collector, --http-port, '9500',", "TCP/9500"),
                mistake("a probe on another port than the HTTP port", "collector.yaml", "args: [collector,",
                        "args: [collector, --http-port, '9500',",
                        "liveness probe's port http is not the HTTP port 9500"),
                mistake("a collector whose spool is on no volume", "collector.yaml",
                        "              mountPath: /var/lib/tunnelwatch", "              mountPath: /var/lib/elsewhere",
                        "the spool /var/lib/tunnelwatch/spool", "is on no volume"),
                mistake("a probe on the wrong path", "streams.yaml", "path: /readyz", "path: /healthz",
                        "readiness probe asks /healthz"),
                mistake("a Service targeting a port no container opens", "collector.yaml", "targetPort: traps",
                        "targetPort: snmp-traps", "Service tunnelwatch-collector-udp", "snmp-traps"),
                mistake("a listener no Service reaches", "collector.yaml", "targetPort: traps",
                        "targetPort: snmp-traps", "UDP/1162 (--trap-port) is reachable through no Service"),
                mistake("a syslog Service that hides the routers' addresses", "collector.yaml",
                        "externalTrafficPolicy: Local", "externalTrafficPolicy: Cluster",
                        "externalTrafficPolicy must be Local"),
                mistake("an inventory the jar refuses", "configmaps.yaml", "- address: 198.51.100.7",
                        "- address: rtr-branch-7", "--inventory /etc/tunnelwatch/inventory/inventory.yaml", "line"),
                mistake("a configuration key the jar does not know", "configmaps.yaml", "stuckAfter: 60s",
                        "stuckAfterSeconds: 60", "--config", "stuckAfterSeconds"),
                mistake("a file on no ConfigMap", "streams.yaml", "/etc/tunnelwatch/config/tunnelwatch.yaml]",
                        "/etc/tunnelwatch/tunnelwatch.yaml]",
                        "--config /etc/tunnelwatch/tunnelwatch.yaml is on no volume"),
                mistake("streams state off its claim", "streams.yaml",
                        "args: [streams, --data-dir, /var/lib/tunnelwatch",
                        "args: [streams, --data-dir, /srv/tunnelwatch", "is on no volumeClaimTemplate"),
                mistake("a Prometheus job the rules do not select", "streams.yaml",
                        "tunnelwatch.io/job: tunnelwatch-streams", "tunnelwatch.io/job: streams",
                        "tunnelwatch-streams: its Prometheus job"),
                mistake("a rule that differs from the rule files", "prometheusrule.yaml", "for: 5m", "for: 6m",
                        "PrometheusRule: its groups are not those"),
                mistake("an image the Dockerfile does not build", "streams.yaml", "image: tunnelwatch:",
                        "image: tunnelwatch:latest-", "image tunnelwatch:latest-"),
                mistake("a manifest the kustomization leaves out", KubernetesCheck.KUSTOMIZATION,
                        "  - podmonitor.yaml\n", "", "resources"));
    }

    @Test
    void shouldFindEveryManifestTrueToTheJarAndTheRepository() {
        assertThat(MANIFESTS).containsKeys("collector.yaml", "streams.yaml", "configmaps.yaml", "podmonitor.yaml",
                "prometheusrule.yaml", KubernetesCheck.KUSTOMIZATION);
        assertThat(KubernetesCheck.problems(MANIFESTS, REPOSITORY, VERSION)).isEmpty();
    }

    @ParameterizedTest(name = "shouldReport {0}")
    @MethodSource("mistakes")
    void shouldReportEveryMistakeOfAManifest(String what, String file, String from, String to, List<String> says) {
        Map<String, String> changed = new TreeMap<>(MANIFESTS);
        assertThat(changed.get(file)).as("the text to change in " + file).contains(from);
        changed.put(file, changed.get(file).replace(from, to));
        assertThat(KubernetesCheck.problems(changed, REPOSITORY, VERSION))
                .anySatisfy(problem -> assertThat(problem).contains(says));
    }
}
