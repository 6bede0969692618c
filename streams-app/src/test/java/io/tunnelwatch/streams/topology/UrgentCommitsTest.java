package io.tunnelwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.PeerFixtures;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/**
 * How a processor asks for commits: at once for the first record someone waits for, then at most once per pace
 * per thread, through a tick that exists only while a record is owed; another processor's request covers it.
 */
class UrgentCommitsTest {

    /** The requests are counted per thread: each test starts an hour past the last request of any earlier one. */
    private static final AtomicLong CLOCK = new AtomicLong(System.currentTimeMillis());
    private final long t0 = CLOCK.addAndGet(Duration.ofHours(1).toMillis());

    private final MockProcessorContext<Object, Object> a = PeerFixtures.processorContext();
    private final MockProcessorContext<Object, Object> b = PeerFixtures.processorContext();

    @Test
    void shouldAskAtOnceThenPaceTheNextRequestThroughAOneOffTick() {
        a.setCurrentSystemTimeMs(t0);
        UrgentCommits urgent = new UrgentCommits(a);
        assertThat(a.scheduledPunctuators()).as("nothing owed, nothing ticking").isEmpty();

        urgent.forwarded();
        assertThat(a.committed()).isTrue();
        assertThat(a.scheduledPunctuators()).isEmpty();

        a.resetCommit();
        a.setCurrentSystemTimeMs(t0 + 40);
        urgent.forwarded();
        assertThat(a.committed()).as("within the pace").isFalse();
        assertThat(a.scheduledPunctuators()).hasSize(1);
        var tick = a.scheduledPunctuators().get(0);

        tick.getPunctuator().punctuate(t0 + 90);
        assertThat(a.committed()).as("still within the pace").isFalse();
        tick.getPunctuator().punctuate(t0 + 140);
        assertThat(a.committed()).isTrue();
        assertThat(tick.cancelled()).isTrue();
    }

    @Test
    void shouldLetAnotherProcessorsRequestCoverAnOwedRecord() {
        a.setCurrentSystemTimeMs(t0);
        b.setCurrentSystemTimeMs(t0);
        UrgentCommits first = new UrgentCommits(a);
        UrgentCommits second = new UrgentCommits(b);
        first.forwarded();
        a.resetCommit();

        a.setCurrentSystemTimeMs(t0 + 10);
        b.setCurrentSystemTimeMs(t0 + 10);
        second.forwarded();
        first.forwarded();
        assertThat(b.scheduledPunctuators()).hasSize(1);
        assertThat(a.scheduledPunctuators()).hasSize(1);

        a.scheduledPunctuators().get(0).getPunctuator().punctuate(t0 + 120);
        assertThat(a.committed()).isTrue();

        var secondTick = b.scheduledPunctuators().get(0);
        secondTick.getPunctuator().punctuate(t0 + 125);
        assertThat(b.committed()).as("the commit a asked for covers b's record").isFalse();
        assertThat(secondTick.cancelled()).isTrue();
    }

    @Test
    void shouldStopTheTickWhenTheProcessorCloses() {
        a.setCurrentSystemTimeMs(t0);
        UrgentCommits urgent = new UrgentCommits(a);
        urgent.forwarded();
        a.setCurrentSystemTimeMs(t0 + 1);
        urgent.forwarded();

        urgent.close();

        assertThat(a.scheduledPunctuators()).singleElement().satisfies(p -> assertThat(p.cancelled()).isTrue());
    }
}
