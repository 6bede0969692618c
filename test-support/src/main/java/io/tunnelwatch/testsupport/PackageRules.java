package io.tunnelwatch.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * The package rules every module's architecture test applies. A module's packages must form a DAG that follows the
 * data; the module's top package counts as a package of its own (ArchUnit's {@code matching("root.(**)")} leaves it
 * out, and a class there that uses a subpackage used by it would slip through).
 */
public final class PackageRules {

    private PackageRules() {
    }

    /** No package cycle among {@code root} and its subpackages, {@code root} itself included. */
    public static ArchRule noPackageCycleUnder(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (name.equals(root)) {
                    return SliceIdentifier.of("(" + root + ")");
                }
                return name.startsWith(root + ".") ? SliceIdentifier.of(name.substring(root.length() + 1))
                        : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "packages under " + root + " and " + root + " itself";
            }
        }).should().beFreeOfCycles();
    }

    /** Classes in {@code packages} use neither Netty nor Kafka types: pure logic, testable without either. */
    public static ArchRule noNettyOrKafkaIn(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.apache.kafka..");
    }
}
