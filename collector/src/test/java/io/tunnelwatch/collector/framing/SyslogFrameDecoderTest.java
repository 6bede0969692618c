package io.tunnelwatch.collector.framing;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6587 framing through an {@link EmbeddedChannel}: bytes in, frames out, and after every case the bytes the
 * decoder still holds, so a frame that was swallowed or half-consumed shows.
 */
class SyslogFrameDecoderTest {

    private static final int MAX = 64;
    private static final String A = "<189>12: %CRYPTO-5-SESSION_STATUS: tunnel is DOWN";
    private static final String B = "<189>13: %CRYPTO-5-SESSION_STATUS: tunnel is UP";

    private final List<FrameProblem> problems = new ArrayList<>();
    private final SyslogFrameDecoder decoder = new SyslogFrameDecoder(MAX, problems::add);
    private final EmbeddedChannel channel = new EmbeddedChannel(decoder);

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldReadOneOctetCountedFrame() {
        write(counted(A));

        assertThat(frames()).containsExactly(A);
        assertThat(decoder.framing()).isEqualTo(Framing.OCTET_COUNTING);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldReadSeveralOctetCountedFramesFromOneWrite() {
        write(counted(A) + counted(B) + counted("x"));

        assertThat(frames()).containsExactly(A, B, "x");
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldJoinAnOctetCountedFrameSplitInsideTheCountAndInsideTheMessage() {
        String wire = counted(A) + counted(B);
        write(wire.substring(0, 1));
        write(wire.substring(1, 10));
        assertThat(frames()).isEmpty();
        assertThat(decoder.bufferedBytes()).as("the count is consumed, the message waits").isEqualTo(10 - 3);

        write(wire.substring(10));

        assertThat(frames()).containsExactly(A, B);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldKeepSpacesAndDigitsInsideAnOctetCountedMessage() {
        String text = "12 34\n56 ";

        write(counted(text) + counted(A));

        assertThat(frames()).as("only a trailing line ending is trimmed").containsExactly("12 34\n56 ", A);
    }

    @Test
    void shouldTolerateALineFeedAfterEachOctetCountedFrame() {
        write(counted(A) + "\n" + counted(B) + "\r\n");

        assertThat(frames()).containsExactly(A, B);
        assertThat(problems).isEmpty();
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldSplitLinesOnLineFeed() {
        write(A + "\n" + B + "\n");

        assertThat(frames()).containsExactly(A, B);
        assertThat(decoder.framing()).isEqualTo(Framing.NON_TRANSPARENT);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldStripTheCarriageReturnOfCrLf() {
        write(A + "\r\n" + B + "\r\n");

        assertThat(frames()).containsExactly(A, B);
    }

    @Test
    void shouldEndAFrameAtNul() {
        write(A + "\0" + B + "\n");

        assertThat(frames()).containsExactly(A, B);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldJoinALineSplitAcrossWritesAndKeepThePartialLineBuffered() {
        write(A.substring(0, 20));
        assertThat(frames()).isEmpty();
        assertThat(decoder.bufferedBytes()).isEqualTo(20);

        write(A.substring(20) + "\n" + B.substring(0, 5));

        assertThat(frames()).containsExactly(A);
        assertThat(decoder.bufferedBytes()).isEqualTo(5);
    }

    @Test
    void shouldSkipBareLineFeedKeepalivesBeforeAndBetweenLines() {
        write("\n\n\r\n" + A + "\n\n\n" + B + "\n\n");

        assertThat(frames()).containsExactly(A, B);
        assertThat(problems).isEmpty();
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldDecideOnTheFirstByteAfterKeepalives() {
        write("\n\n");
        assertThat(decoder.framing()).isEqualTo(Framing.UNDECIDED);

        write(counted(A));

        assertThat(decoder.framing()).isEqualTo(Framing.OCTET_COUNTING);
        assertThat(frames()).containsExactly(A);
    }

    @Test
    void shouldLatchLineFramingSoALaterLineStartingWithADigitIsNotACount() {
        write(A + "\n");
        write("42 is not a count here\n");

        assertThat(frames()).containsExactly(A, "42 is not a count here");
        assertThat(decoder.framing()).isEqualTo(Framing.NON_TRANSPARENT);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldLatchOctetCountingSoALaterFrameIsNotReadAsALine() {
        write(counted(A));
        write(counted("line one\nline two"));

        assertThat(frames()).containsExactly(A, "line one\nline two");
    }

    @Test
    void shouldLatchPerConnection() {
        EmbeddedChannel other = new EmbeddedChannel(new SyslogFrameDecoder(MAX, problems::add));
        try {
            write(counted(A));
            other.writeInbound(bytes(B + "\n"));

            assertThat(frames()).containsExactly(A);
            assertThat(other.<ByteBuf>readInbound()).satisfies(f -> {
                assertThat(f.toString(StandardCharsets.UTF_8)).isEqualTo(B);
                f.release();
            });
        } finally {
            other.finishAndReleaseAll();
        }
    }

    @Test
    void shouldDiscardAnOverlongOctetCountedFrameAndStillDeliverTheNext() {
        String big = "X".repeat(MAX * 3);

        write(counted(big) + counted(A));

        assertThat(frames()).containsExactly(A);
        assertThat(problems).containsExactly(FrameProblem.TOO_LONG);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldDiscardAnOverlongOctetCountedFrameWithoutBufferingItAcrossWrites() {
        String big = "X".repeat(MAX * 3);
        String wire = counted(big) + counted(A);

        write(wire.substring(0, MAX));
        write(wire.substring(MAX, MAX * 2));
        assertThat(decoder.bufferedBytes()).as("discarding, not buffering").isZero();
        write(wire.substring(MAX * 2));

        assertThat(frames()).containsExactly(A);
        assertThat(problems).containsExactly(FrameProblem.TOO_LONG);
    }

    @Test
    void shouldAcceptAFrameOfExactlyTheMaximumLength() {
        String max = "Y".repeat(MAX);

        write(counted(max) + counted(A));

        assertThat(frames()).containsExactly(max, A);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldDiscardAnOverlongLineOnceAcrossWritesAndResumeAtTheNextLineFeed() {
        write("X".repeat(MAX + 10));
        write("X".repeat(MAX * 3));
        assertThat(decoder.bufferedBytes()).as("discarding, not buffering").isZero();

        write("XX\r\n" + B + "\n");

        assertThat(frames()).containsExactly(B);
        assertThat(problems).containsExactly(FrameProblem.TOO_LONG);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldDiscardAnOverlongLineThatArrivesWhole() {
        write("Z".repeat(MAX + 1) + "\n" + A + "\n");

        assertThat(frames()).containsExactly(A);
        assertThat(problems).containsExactly(FrameProblem.TOO_LONG);
    }

    @Test
    void shouldCountAnOctetCountWithLettersAndResynchroniseOnTheNextLineFeed() {
        write(counted(A) + "4x2 garbage that is no frame\n" + counted(B));

        assertThat(frames()).containsExactly(A, B);
        assertThat(problems).containsExactly(FrameProblem.BAD_OCTET_COUNT);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldCountALeadingZeroAndATenDigitCountAsBadOctetCounts() {
        write(counted(A) + "05 hello\n" + "1234567890 " + "Q".repeat(20) + "\n" + counted(B));

        assertThat(frames()).containsExactly(A, B);
        assertThat(problems).containsExactly(FrameProblem.BAD_OCTET_COUNT, FrameProblem.BAD_OCTET_COUNT);
        assertThat(decoder.bufferedBytes()).isZero();
    }

    @Test
    void shouldReportACountLargerThanWhatArrivesBeforeTheConnectionCloses() {
        write(counted(A) + "60 only a few octets");

        assertThat(frames()).containsExactly(A);
        assertThat(decoder.bufferedBytes()).as("the partial message waits for the rest").isEqualTo(17);
        channel.close();

        assertThat(problems).containsExactly(FrameProblem.TRUNCATED);
        assertThat((Object) channel.readInbound()).as("half a message is never passed on").isNull();
    }

    @Test
    void shouldReportACountCutOffBeforeItsSpaceAtClose() {
        write(counted(A) + "4");
        channel.close();

        assertThat(frames()).containsExactly(A);
        assertThat(problems).containsExactly(FrameProblem.TRUNCATED);
    }

    @Test
    void shouldPassOnALastLineWithoutItsLineFeedAtClose() {
        write(A + "\n" + B);
        assertThat(frames()).containsExactly(A);

        channel.close();

        assertThat(frames()).containsExactly(B);
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldPassGarbageBytesOnAsALineAndKeepReading() {
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0x25, 0x01, '\n'};
        channel.writeInbound(Unpooled.wrappedBuffer(garbage));
        write(A + "\n");

        List<ByteBuf> out = rawFrames();
        assertThat(out).hasSize(2);
        assertThat(out.get(0).readableBytes()).isEqualTo(4);
        assertThat(out.get(1).toString(StandardCharsets.UTF_8)).isEqualTo(A);
        out.forEach(ByteBuf::release);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void shouldRecoverFromGarbageAfterOctetCountingWasLatched() {
        write(counted(A) + "\u0001\u0002\u0003 binary junk\n" + counted(B));

        assertThat(frames()).containsExactly(A, B);
        assertThat(problems).containsExactly(FrameProblem.BAD_OCTET_COUNT);
        assertThat(channel.isOpen()).isTrue();
    }

    private void write(String text) {
        channel.writeInbound(bytes(text));
    }

    private List<String> frames() {
        List<String> texts = new ArrayList<>();
        for (ByteBuf f : rawFrames()) {
            texts.add(f.toString(StandardCharsets.UTF_8));
            f.release();
        }
        return texts;
    }

    private List<ByteBuf> rawFrames() {
        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf f = channel.readInbound(); f != null; f = channel.readInbound()) {
            out.add(f);
        }
        return out;
    }

    private static String counted(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + " " + text;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
