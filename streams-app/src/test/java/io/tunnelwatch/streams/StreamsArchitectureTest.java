package io.tunnelwatch.streams;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tunnelwatch.testsupport.PackageRules;

/**
 * The streams app's packages form a DAG that follows the data: the peer model ({@code peer}) and the alert vocabulary
 * ({@code verdict}) at the bottom, the detectors ({@code detect}) over them, the alert lifecycle ({@code alert}) over
 * those, the device and pair logic beside it, and the Kafka Streams adapters ({@code topology}: the processors and
 * the topology) near the top, above which only the queries, metrics and the app itself sit. The domain packages use
 * no Kafka type, so they are tested without a broker or a test driver. {@code docs/architecture.md} lists the layers.
 */
@AnalyzeClasses(packages = "io.tunnelwatch.streams", importOptions = ImportOption.DoNotIncludeTests.class)
class StreamsArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = PackageRules.noPackageCycleUnder("io.tunnelwatch.streams");

    @ArchTest
    static final ArchRule domainLogicUsesNoKafka = PackageRules.noNettyOrKafkaIn("..streams.verdict..",
            "..streams.peer..", "..streams.detect..", "..streams.alert..", "..streams.device..", "..streams.pair..");
}
