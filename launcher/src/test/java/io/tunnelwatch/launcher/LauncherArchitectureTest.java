package io.tunnelwatch.launcher;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tunnelwatch.testsupport.PackageRules;

/**
 * The packages of the launcher and of the modules that cannot check themselves (events and broker sit below
 * test-support) form DAGs (docs/architecture.md); the collector checks its own (CollectorArchitectureTest).
 */
@AnalyzeClasses(packages = {"io.tunnelwatch.launcher", "io.tunnelwatch.events", "io.tunnelwatch.broker"},
        importOptions = ImportOption.DoNotIncludeTests.class)
class LauncherArchitectureTest {

    @ArchTest
    static final ArchRule launcherPackagesFormNoCycle = PackageRules.noPackageCycleUnder("io.tunnelwatch.launcher");

    @ArchTest
    static final ArchRule eventsPackagesFormNoCycle = PackageRules.noPackageCycleUnder("io.tunnelwatch.events");

    @ArchTest
    static final ArchRule brokerPackagesFormNoCycle = PackageRules.noPackageCycleUnder("io.tunnelwatch.broker");
}
