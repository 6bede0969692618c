package io.tunnelwatch.simulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tunnelwatch.testsupport.PackageRules;
import org.junit.jupiter.api.Test;

/**
 * The simulator's packages form a DAG that follows what a simulated router says. At the bottom the model: routers
 * and their syslog headers (router), the IOS message texts (message), tunnels, SAs and the output port (tunnel).
 * Above it, side by side, the faults played on it (fault) and what renders and sends it (agent: MIB views and SNMP
 * agents; trap: trap PDUs; wire: syslog transmitters; load: a syslog load). Then the fleet simulation (the top
 * package), and the scenario runner (scenario) over all. The model and the faults know neither SNMP4J nor
 * sockets, so they are tested without either.
 */
@AnalyzeClasses(packages = "io.tunnelwatch.simulator", importOptions = ImportOption.DoNotIncludeTests.class)
class SimulatorArchitectureTest {

    /** The model and the faults: what routers do and say, not how it reaches a collector. */
    static final String[] MODEL = {"..simulator.router..", "..simulator.message..", "..simulator.tunnel..",
        "..simulator.fault.."};

    @ArchTest
    static final ArchRule packagesFormNoCycle = PackageRules.noPackageCycleUnder("io.tunnelwatch.simulator");

    @ArchTest
    static final ArchRule modelUsesNeitherSnmpNorSockets = noSnmpOrSocketsIn(MODEL);

    static ArchRule noSnmpOrSocketsIn(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("org.snmp4j..", "java.net..", "java.nio.channels..");
    }

    @Test
    void shouldRejectSnmpUseInAModelPackage() {
        JavaClasses agents = new ClassFileImporter().importPackages("io.tunnelwatch.simulator.agent");

        assertThatThrownBy(() -> noSnmpOrSocketsIn("..simulator.agent..").check(agents))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("org.snmp4j");
    }
}
