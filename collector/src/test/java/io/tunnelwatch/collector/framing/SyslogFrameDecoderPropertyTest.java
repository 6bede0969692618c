package io.tunnelwatch.collector.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link SyslogFrameDecoder} in an {@link EmbeddedChannel}: arbitrary bytes in arbitrary chunks never
 * make the pipeline throw, and good frames written after garbage still come out whole, however the bytes are
 * chunked, with nothing left in the buffer. Tries are bounded so the suite stays fast.
 */
class SyslogFrameDecoderPropertyTest {

    private static final int MAX = 256;

    @Property(tries = 1000)
    void shouldNeverThrowOutOfThePipelineOnArbitraryChunks(@ForAll @Size(max = 12) List<@Size(max = 400) byte[]> chunks) {
        List<FrameProblem> problems = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new SyslogFrameDecoder(MAX, problems::add));
        try {
            for (byte[] chunk : chunks) {
                assertThatCode(() -> channel.writeInbound(Unpooled.wrappedBuffer(chunk)))
                        .doesNotThrowAnyException();
            }
            assertThatCode(channel::checkException).doesNotThrowAnyException();
            for (ByteBuf frame = channel.readInbound(); frame != null; frame = channel.readInbound()) {
                assertThat(frame.readableBytes()).isBetween(1, MAX);
                frame.release();
            }
            assertThat(channel.isOpen()).isTrue();
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Property(tries = 1000)
    void shouldDeliverGoodLinesAfterGarbageIntact(@ForAll("garbage") byte[] garbage,
                                                  @ForAll("messages") List<String> messages,
                                                  @ForAll @IntRange(min = 1, max = 64) int chunkSize) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        // The first line latches line framing (a first digit would mean octet counting); the garbage after it ends
        // at an LF, where the next line starts, whether the garbage was passed on as a line or discarded as too long.
        String first = messages.get(0);
        wire.writeBytes((first + "\n").getBytes(StandardCharsets.UTF_8));
        wire.writeBytes(garbage);
        wire.write('\n');
        for (String m : messages) {
            wire.writeBytes((m + "\n").getBytes(StandardCharsets.UTF_8));
        }

        List<String> frames = decode(wire.toByteArray(), chunkSize);

        assertThat(frames).startsWith(first).endsWith(messages.toArray(String[]::new))
                .hasSizeBetween(messages.size() + 1, messages.size() + 2);
    }

    @Property(tries = 1000)
    void shouldDeliverGoodOctetCountedFramesAfterABadCountIntact(@ForAll("messages") List<String> first,
                                                                 @ForAll("garbage") byte[] garbage,
                                                                 @ForAll("messages") List<String> after,
                                                                 @ForAll @IntRange(min = 1, max = 64) int chunkSize) {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        first.forEach(m -> wire.writeBytes(counted(m)));
        // Garbage that cannot be an octet count, ended by the LF the decoder resynchronises on.
        wire.write('x');
        wire.writeBytes(garbage);
        wire.write('\n');
        after.forEach(m -> wire.writeBytes(counted(m)));

        List<String> frames = decode(wire.toByteArray(), chunkSize);

        List<String> expected = new ArrayList<>(first);
        expected.addAll(after);
        assertThat(frames).containsExactlyElementsOf(expected);
    }

    /** Writes the bytes in chunks, closes the input, and returns the frames; asserts nothing is left buffered. */
    private static List<String> decode(byte[] wire, int chunkSize) {
        SyslogFrameDecoder decoder = new SyslogFrameDecoder(MAX, problem -> { });
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        List<String> frames = new ArrayList<>();
        try {
            for (int i = 0; i < wire.length; i += chunkSize) {
                channel.writeInbound(Unpooled.copiedBuffer(wire, i, Math.min(chunkSize, wire.length - i)));
                for (ByteBuf f = channel.readInbound(); f != null; f = channel.readInbound()) {
                    frames.add(f.toString(StandardCharsets.UTF_8));
                    f.release();
                }
            }
            assertThat(decoder.bufferedBytes()).as("left in the buffer").isZero();
            channel.checkException();
        } finally {
            channel.finishAndReleaseAll();
        }
        return frames;
    }

    private static byte[] counted(String message) {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (bytes.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + bytes.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(bytes, 0, out, prefix.length, bytes.length);
        return out;
    }

    /** Bytes with no LF or NUL in them (either would end the garbage early), up to twice the frame limit. */
    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().filter(b -> b != '\n' && b != 0).array(byte[].class).ofMaxSize(2 * MAX);
    }

    /** Syslog lines of printable text, no line ending inside, shorter than the frame limit. */
    @Provide
    Arbitrary<List<String>> messages() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('é', 'ü')
                .ofMinLength(1).ofMaxLength(80).filter(s -> !s.isBlank());
        return text.map(t -> "<189>12: %CRYPTO-5-SESSION_STATUS: " + t).list().ofMinSize(1).ofMaxSize(6);
    }
}
