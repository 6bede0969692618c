package io.tunnelwatch.collector.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.SelectStrategy;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.IntSupplier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When a connections' loop naps, looks, or blocks, and which read rounds make it look again at once (a connection's
 * pipeline on an {@link EmbeddedChannel}, which runs on this thread as a loop's would); the naps are recorded
 * instead of taken.
 */
class NappingSelectStrategyTest {

    private final List<Long> naps = new ArrayList<>();
    private long now = 1_000_000_000L;
    private final NappingSelectStrategy strategy = new NappingSelectStrategy(20_000_000L, naps::add, () -> now);
    private final EmbeddedChannel connection = new EmbeddedChannel(new BusyConnectionWatch());
    private int looks;

    @BeforeEach
    void startFromANappingLoop() throws Exception {
        strategy.calculateStrategy(ready(0), false); // takes any busy round an earlier test on this thread left
        now += 60_000_000_000L;
        naps.clear();
        looks = 0;
    }

    @AfterEach
    void closeConnection() {
        connection.finishAndReleaseAll();
    }

    @Test
    void shouldLookWithoutNappingForANapsTimeAfterARoundThatBroughtMuchFromOneConnection() throws Exception {
        connection.writeInbound(bytes(3 * 1024), bytes(3 * 1024), bytes(2 * 1024)); // one round, 8 KiB in all

        assertThat(strategy.calculateStrategy(ready(1), false)).isEqualTo(1);
        now += 19_000_000L;
        assertThat(strategy.calculateStrategy(ready(1), false)).isEqualTo(1);
        assertThat(naps).isEmpty();

        now += 1_000_000L; // a nap's time after the busy round, with no busy round since
        assertThat(strategy.calculateStrategy(ready(1), false)).isEqualTo(1);
        assertThat(naps).hasSize(1);
    }

    @Test
    void shouldKeepLookingWithoutNappingWhileAConnectionStaysBusy() throws Exception {
        for (int round = 0; round < 5; round++) {
            connection.writeInbound(bytes(BusyConnectionWatch.BUSY_ROUND_BYTES));
            strategy.calculateStrategy(ready(1), false);
            now += 15_000_000L; // each look a little under a nap's time after the busy round before it
        }

        assertThat(naps).isEmpty();
    }

    @Test
    void shouldKeepNappingAfterRoundsOfAFewLinesEach() throws Exception {
        for (int round = 0; round < 5; round++) {
            connection.writeInbound(bytes(BusyConnectionWatch.BUSY_ROUND_BYTES / 2)); // each round counts alone
            strategy.calculateStrategy(ready(1), false);
            now += 1_000_000L;
        }

        assertThat(naps).hasSize(5);
        assertThat(connection.inboundMessages()).hasSize(5); // every read passed on
    }

    private static ByteBuf bytes(int length) {
        return Unpooled.wrappedBuffer(new byte[length]);
    }

    private IntSupplier ready(int count) {
        return () -> {
            looks++;
            return count;
        };
    }

    @Test
    void shouldNapThenTakeWhatIsReadyWhileLinesCome() throws Exception {
        assertThat(strategy.calculateStrategy(ready(3), false)).isEqualTo(3);
        assertThat(strategy.calculateStrategy(ready(5), false)).isEqualTo(5);

        assertThat(naps).containsExactly(20_000_000L, 20_000_000L);
        assertThat(looks).isEqualTo(2);
    }

    @Test
    void shouldBlockWhenNothingCameDuringTheNap() throws Exception {
        assertThat(strategy.calculateStrategy(ready(0), false)).isEqualTo(SelectStrategy.SELECT);

        assertThat(naps).hasSize(1);
        assertThat(looks).isEqualTo(1);
    }

    @Test
    void shouldNeverKeepQueuedTasksWaitingForANap() throws Exception {
        assertThat(strategy.calculateStrategy(ready(0), true)).isZero();
        assertThat(strategy.calculateStrategy(ready(2), true)).isEqualTo(2);

        assertThat(naps).isEmpty();
        assertThat(looks).isEqualTo(2);
    }
}
