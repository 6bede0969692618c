package io.tunnelwatch.collector.framing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes, cut into any segments, through the framer of a TCP connection: it never throws, never emits a frame
 * longer than its maximum, and never holds more than a frame and its octet count between reads. In the suite the
 * committed inputs under {@code SyslogFrameDecoderFuzzTestInputs} are replayed; {@code scripts/fuzz} fuzzes.
 */
class SyslogFrameDecoderFuzzTest {

    /** The octet count with its SP, and the CR of a CR LF trailer, besides the frame itself. */
    private static final int HEADER_SLACK = 11;

    @FuzzTest(maxDuration = "20s")
    void framerKeepsItsBoundsOnAnyBytes(FuzzedDataProvider data) {
        int max = data.consumeInt(1, 300);
        List<FrameProblem> problems = new ArrayList<>();
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(max, problems::add);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        try {
            while (data.remainingBytes() > 0) {
                byte[] segment = data.consumeBytes(data.consumeInt(1, 64));
                channel.writeInbound(Unpooled.wrappedBuffer(segment));
                drain(channel, max);
                assertThat(decoder.bufferedBytes()).isLessThanOrEqualTo(max + HEADER_SLACK);
            }
            channel.finish();
            drain(channel, max);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    private static void drain(EmbeddedChannel channel, int max) {
        ByteBuf frame;
        while ((frame = channel.readInbound()) != null) {
            try {
                assertThat(frame.readableBytes()).isLessThanOrEqualTo(max);
            } finally {
                frame.release();
            }
        }
    }
}
