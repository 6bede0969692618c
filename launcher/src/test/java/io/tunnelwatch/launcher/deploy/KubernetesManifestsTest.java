package io.tunnelwatch.launcher.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** deploy/k8s checked against the jar's options, its loaders and the repository's rule files. */
class KubernetesManifestsTest {

    private static final Path REPOSITORY = StrictYaml.repository();
    private static final String VERSION = StrictYaml.projectVersion(REPOSITORY);
    private static final Map<String, String> MANIFESTS = KubernetesCheck.read(REPOSITORY.resolve("deploy/k8s"));

    private static List<String> problemsWith(String file, String from, String to) {
        Map<String, String> changed = new TreeMap<>(MANIFESTS);
        assertThat(changed.get(file)).as("the text to change in " + file).contains(from);
        changed.put(file, changed.get(file).replace(from, to));
        return KubernetesCheck.problems(changed, REPOSITORY, VERSION);
    }

    @Test
    void shouldFindEveryManifestTrueToTheJarAndTheRepository() {
        assertThat(MANIFESTS).containsKeys("collector.yaml", "streams.yaml", "configmaps.yaml", "podmonitor.yaml",
                "prometheusrule.yaml", KubernetesCheck.KUSTOMIZATION);
        assertThat(KubernetesCheck.problems(MANIFESTS, REPOSITORY, VERSION)).isEmpty();
    }

    @Test
    void shouldReportAnOptionTheRoleDoesNotHave() {
        assertThat(problemsWith("collector.yaml", "args: [collector, --inventory",
                "args: [collector, --inventroy"))
                .anySatisfy(p -> assertThat(p).contains("tunnelwatch-collector/collector").contains("--inventroy"));
    }

    @Test
    void shouldReportAnOptionOfAnotherRole() {
        assertThat(problemsWith("streams.yaml", "args: [streams,", "args: [streams, --trap-port, '1162',"))
                .anySatisfy(p -> assertThat(p).contains("--trap-port"));
    }

    @Test
    void shouldReportAnEnvironmentVariableTheJarDoesNotRead() {
        assertThat(problemsWith("streams.yaml", "name: TUNNELWATCH_APPLICATION_ID", "name: TUNNELWATCH_APP_ID"))
                .anySatisfy(p -> assertThat(p).contains("TUNNELWATCH_APP_ID is read by no option"));
    }

    @Test
    void shouldReportAFieldTheKubernetesModelDoesNotHave() {
        assertThat(problemsWith("collector.yaml", "          readinessProbe:", "          readynessProbe:"))
                .anySatisfy(p -> assertThat(p).contains("Deployment tunnelwatch-collector")
                        .contains("readynessProbe"));
    }

    @Test
    void shouldReportAContainerPortTheOptionsDoNotOpen() {
        assertThat(problemsWith("collector.yaml", "containerPort: 1162", "containerPort: 162"))
                .anySatisfy(p -> assertThat(p).contains("containerPorts").contains("UDP/162"));
    }

    @Test
    void shouldReportAPortOptionTheContainerPortsDoNotFollow() {
        assertThat(problemsWith("collector.yaml", "args: [collector,", "args: [collector, --http-port, '9500',"))
                .anySatisfy(p -> assertThat(p).contains("TCP/9500"))
                .anySatisfy(p -> assertThat(p).contains("liveness probe's port http is not the HTTP port 9500"));
    }

    @Test
    void shouldReportAProbeOnTheWrongPath() {
        assertThat(problemsWith("streams.yaml", "path: /readyz", "path: /healthz"))
                .anySatisfy(p -> assertThat(p).contains("readiness probe asks /healthz"));
    }

    @Test
    void shouldReportAServiceTargetingAPortNoContainerOpens() {
        assertThat(problemsWith("collector.yaml", "targetPort: traps", "targetPort: snmp-traps"))
                .anySatisfy(p -> assertThat(p).contains("Service tunnelwatch-collector-udp").contains("snmp-traps"))
                .anySatisfy(p -> assertThat(p).contains("UDP/1162 (--trap-port) is reachable through no Service"));
    }

    @Test
    void shouldReportASyslogServiceThatHidesTheRoutersAddresses() {
        assertThat(problemsWith("collector.yaml", "externalTrafficPolicy: Local", "externalTrafficPolicy: Cluster"))
                .anySatisfy(p -> assertThat(p).contains("externalTrafficPolicy must be Local"));
    }

    @Test
    void shouldReportAnInventoryTheJarRefuses() {
        assertThat(problemsWith("configmaps.yaml", "- address: 198.51.100.7", "- address: rtr-branch-7"))
                .anySatisfy(p -> assertThat(p).contains("--inventory /etc/tunnelwatch/inventory/inventory.yaml")
                        .contains("line"));
    }

    @Test
    void shouldReportAConfigurationKeyTheJarDoesNotKnow() {
        assertThat(problemsWith("configmaps.yaml", "stuckAfter: 60s", "stuckAfterSeconds: 60"))
                .anySatisfy(p -> assertThat(p).contains("--config").contains("stuckAfterSeconds"));
    }

    @Test
    void shouldReportAFileOnNoConfigMap() {
        assertThat(problemsWith("streams.yaml", "/etc/tunnelwatch/config/tunnelwatch.yaml]",
                "/etc/tunnelwatch/tunnelwatch.yaml]"))
                .anySatisfy(p -> assertThat(p).contains("--config /etc/tunnelwatch/tunnelwatch.yaml is on no volume"));
    }

    @Test
    void shouldReportStreamsStateOffItsClaim() {
        assertThat(problemsWith("streams.yaml", "args: [streams, --data-dir, /var/lib/tunnelwatch",
                "args: [streams, --data-dir, /srv/tunnelwatch"))
                .anySatisfy(p -> assertThat(p).contains("is on no volumeClaimTemplate"));
    }

    @Test
    void shouldReportAJobTheRulesDoNotSelect() {
        assertThat(problemsWith("streams.yaml", "tunnelwatch.io/job: tunnelwatch-streams",
                "tunnelwatch.io/job: streams"))
                .anySatisfy(p -> assertThat(p).contains("tunnelwatch-streams: its Prometheus job"));
    }

    @Test
    void shouldReportARuleThatDiffersFromTheRuleFiles() {
        assertThat(problemsWith("prometheusrule.yaml", "for: 5m", "for: 6m"))
                .anySatisfy(p -> assertThat(p).contains("PrometheusRule: its groups are not those"));
    }

    @Test
    void shouldReportAnImageTheDockerfileDoesNotBuild() {
        assertThat(problemsWith("streams.yaml", "image: tunnelwatch:" + VERSION, "image: tunnelwatch:latest"))
                .anySatisfy(p -> assertThat(p).contains("image tunnelwatch:latest"));
    }

    @Test
    void shouldReportAManifestTheKustomizationLeavesOut() {
        assertThat(problemsWith(KubernetesCheck.KUSTOMIZATION, "  - podmonitor.yaml\n", ""))
                .anySatisfy(p -> assertThat(p).contains("resources"));
    }
}
