package io.tunnelwatch.collector;

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
 * The collector's packages form a DAG that follows the data (transport → framing → syslog ingest → parse and
 * catalog → sink → kafka → spool; snmp → snmp.poll and snmp.trap), and the packages that hold its logic use neither
 * Netty nor Kafka, so they are tested without either. {@code docs/architecture.md} draws the graph.
 */
@AnalyzeClasses(packages = "io.tunnelwatch.collector", importOptions = ImportOption.DoNotIncludeTests.class)
class CollectorArchitectureTest {

    /** Packages whose classes must not touch Netty or Kafka types. */
    static final String[] PURE = {"..collector.parse..", "..collector.catalog..", "..collector.sink..",
        "..collector.syslog..", "..collector.inventory..", "..collector.config..", "..collector.yaml..",
        "..collector.snmp.poll..", "..collector.metrics..", "..collector.concurrent..", "..collector.cache..",
        "..collector.spool.."};

    @ArchTest
    static final ArchRule packagesFormNoCycle = noPackageCycleUnder("io.tunnelwatch.collector");

    @ArchTest
    static final ArchRule pureLogicUsesNeitherNettyNorKafka = noNettyOrKafkaIn(PURE);

    static ArchRule noPackageCycleUnder(String root) {
        return PackageRules.noPackageCycleUnder(root);
    }

    static ArchRule noNettyOrKafkaIn(String... packages) {
        return PackageRules.noNettyOrKafkaIn(packages);
    }

    @Test
    void shouldRejectTwoPackagesThatUseEachOther() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.tunnelwatch.collector.archfixture");

        assertThatThrownBy(() -> noPackageCycleUnder("io.tunnelwatch.collector.archfixture").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("cycle.left")
                .hasMessageContaining("cycle.right");
    }

    @Test
    void shouldRejectANettyImportInAPurePackage() {
        JavaClasses fixture = new ClassFileImporter().importPackages("io.tunnelwatch.collector.archfixture");

        assertThatThrownBy(() -> noNettyOrKafkaIn("..archfixture.cycle..").check(fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("io.netty.util.NetUtil");
    }
}
