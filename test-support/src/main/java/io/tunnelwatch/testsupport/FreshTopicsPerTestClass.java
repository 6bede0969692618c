package io.tunnelwatch.testsupport;

import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Empties the {@link KafkaFixture} broker's topics before each test class, once the classes before it have stopped
 * everything they started: every class meets the broker as if it ran alone, whatever ran before it in its JVM.
 * Registered with the JUnit Platform through {@code META-INF/services}, so it acts in every module's test JVM; it does
 * nothing where no test started the broker.
 */
public final class FreshTopicsPerTestClass implements TestExecutionListener {

    @Override
    public void executionStarted(TestIdentifier identifier) {
        // a @Nested class runs inside its outer class, whose pipelines may still be running
        boolean topLevelClass = identifier.getSource().filter(ClassSource.class::isInstance)
                .map(s -> !((ClassSource) s).getClassName().contains("$")).orElse(false);
        if (identifier.isContainer() && topLevelClass) {
            KafkaFixture.deleteEarlierRecords();
        }
    }
}
