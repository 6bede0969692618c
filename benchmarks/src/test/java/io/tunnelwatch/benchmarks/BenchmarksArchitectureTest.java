package io.tunnelwatch.benchmarks;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.tunnelwatch.testsupport.PackageRules;

/**
 * The benchmarks' packages form a DAG like every module's. Today they are one package and the code JMH generates
 * from it ({@code jmh_generated}, which uses the benchmarks and is used by none of them); a harness split into
 * packages later must keep it so.
 */
@AnalyzeClasses(packages = "io.tunnelwatch.benchmarks", importOptions = ImportOption.DoNotIncludeTests.class)
class BenchmarksArchitectureTest {

    @ArchTest
    static final ArchRule packagesFormNoCycle = PackageRules.noPackageCycleUnder("io.tunnelwatch.benchmarks");
}
