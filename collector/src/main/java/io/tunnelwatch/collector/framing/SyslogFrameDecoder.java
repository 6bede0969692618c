package io.tunnelwatch.collector.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.ByteProcessor;
import java.util.List;

/**
 * Splits one TCP or TLS syslog connection into messages, as RFC 6587 describes the two framings in use: octet
 * counting ({@code MSG-LEN SP SYSLOG-MSG}, §3.4.1, the only framing RFC 5425 allows inside TLS) and non-transparent
 * framing (a trailer ends each message, §3.4.2: LF, or NUL as some senders use). The framing is decided once, from
 * the first byte of the connection that is not a keepalive: a non-zero digit means octet counting, anything else
 * non-transparent framing. It then stays latched for the connection, because a message text may well start with a
 * digit.
 *
 * <p>An explicit state machine. Each frame is bounded by {@code maxFrameLength}; a frame over it is discarded (not
 * buffered) up to the next frame boundary, and reading goes on there. An octet count that is not one
 * ({@code 12a}, {@code 012}, ten digits) cannot tell where the frame ends, so the decoder resynchronises on the next
 * LF, which octet-counting senders such as rsyslog also put after each message in practice. A count whose octets never
 * all arrive before the connection ends is reported as truncated. Every discarded frame is reported once to the
 * {@link FrameListener}; the connection stays open. Bare LFs (rsyslog's keepalives), CR LF and NUL between frames are
 * skipped. Frames are emitted as retained slices without their trailer (LF, CR LF or NUL).
 *
 * <p>Not sharable: one instance per connection.
 */
public final class SyslogFrameDecoder extends ByteToMessageDecoder {

    /** Nine digits count up to 999,999,999 octets: any real maximum fits; a longer count is a lie. */
    private static final int MAX_COUNT_DIGITS = 9;
    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte NUL = 0;
    private static final ByteProcessor FIND_TRAILER = b -> b != LF && b != NUL;

    private enum State {
        /** Before the first byte that is not a keepalive. */
        DETECT,
        /** Octet counting: reading the digits of MSG-LEN up to the SP. */
        COUNT,
        /** Octet counting: waiting for all {@link #count} octets of the message. */
        BODY,
        /** Octet counting: throwing away the {@link #skipRemaining} octets of an over-long message. */
        SKIP_BODY,
        /** Non-transparent: looking for the trailer of the current line. */
        LINE,
        /** Throwing away bytes up to the next LF or NUL: an over-long line, or resync after a bad octet count. */
        SKIP_LINE
    }

    private final int maxFrameLength;
    private final FrameListener listener;
    private State state = State.DETECT;
    private Framing framing = Framing.UNDECIDED;
    private int count;
    private int digits;
    private long skipRemaining;
    /** Bytes of the current line already searched for a trailer, so a slowly arriving line is scanned once. */
    private int scanned;

    /**
     * @param maxFrameLength longest message accepted, in octets, without its trailer
     * @param listener       told about every discarded frame
     */
    public SyslogFrameDecoder(int maxFrameLength, FrameListener listener) {
        if (maxFrameLength < 1) {
            throw new IllegalArgumentException("maxFrameLength must be positive, was " + maxFrameLength);
        }
        this.maxFrameLength = maxFrameLength;
        this.listener = listener;
    }

    /** The framing this connection was found to use; {@link Framing#UNDECIDED} until its first message starts. */
    public Framing framing() {
        return framing;
    }

    /** Bytes received but not yet passed on: the start of a message whose end has not arrived. */
    public int bufferedBytes() {
        return actualReadableBytes();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        boolean progress = true;
        while (progress && in.isReadable()) {
            progress = switch (state) {
                case DETECT -> detect(in);
                case COUNT -> readCount(in);
                case BODY -> readBody(in, out);
                case SKIP_BODY -> skipBody(in);
                case LINE -> readLine(in, out);
                case SKIP_LINE -> skipLine(in);
            };
        }
    }

    private boolean detect(ByteBuf in) {
        skipKeepalives(in);
        if (!in.isReadable()) {
            return false;
        }
        byte first = in.getByte(in.readerIndex());
        if (first >= '1' && first <= '9') {
            framing = Framing.OCTET_COUNTING;
            state = State.COUNT;
        } else {
            framing = Framing.NON_TRANSPARENT;
            state = State.LINE;
        }
        return true;
    }

    private boolean readCount(ByteBuf in) {
        if (digits == 0) {
            skipKeepalives(in);
        }
        while (in.isReadable()) {
            byte b = in.readByte();
            if (b >= '0' && b <= '9' && !(digits == 0 && b == '0') && digits < MAX_COUNT_DIGITS) {
                count = count * 10 + (b - '0');
                digits++;
            } else if (b == ' ' && digits > 0) {
                startBody();
                return true;
            } else {
                badCount(b);
                return true;
            }
        }
        return false;
    }

    private void startBody() {
        digits = 0;
        if (count > maxFrameLength) {
            listener.discarded(FrameProblem.TOO_LONG);
            skipRemaining = count;
            count = 0;
            state = State.SKIP_BODY;
        } else {
            state = State.BODY;
        }
    }

    private void badCount(byte offending) {
        listener.discarded(FrameProblem.BAD_OCTET_COUNT);
        count = 0;
        digits = 0;
        // The offending byte may itself be the boundary (e.g. "12\n"): then the next count starts right after it.
        state = offending == LF || offending == NUL ? State.COUNT : State.SKIP_LINE;
    }

    private boolean readBody(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < count) {
            return false;
        }
        emit(in.readRetainedSlice(count), out);
        count = 0;
        state = State.COUNT;
        return true;
    }

    private boolean skipBody(ByteBuf in) {
        int n = (int) Math.min(in.readableBytes(), skipRemaining);
        in.skipBytes(n);
        skipRemaining -= n;
        if (skipRemaining > 0) {
            return false;
        }
        state = State.COUNT;
        return true;
    }

    private boolean readLine(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int trailer = in.forEachByte(start + scanned, in.readableBytes() - scanned, FIND_TRAILER);
        if (trailer < 0) {
            scanned = in.readableBytes();
            if (scanned > maxFrameLength) {
                listener.discarded(FrameProblem.TOO_LONG);
                in.skipBytes(in.readableBytes());
                scanned = 0;
                state = State.SKIP_LINE;
            }
            return false;
        }
        scanned = 0;
        int length = trailer - start;
        int textLength = length > 0 && in.getByte(trailer - 1) == CR ? length - 1 : length;
        if (textLength > maxFrameLength) {
            listener.discarded(FrameProblem.TOO_LONG);
            in.skipBytes(length + 1);
            return true;
        }
        ByteBuf frame = in.readRetainedSlice(length);
        in.skipBytes(1);
        emit(frame, out);
        return true;
    }

    private boolean skipLine(ByteBuf in) {
        int trailer = in.forEachByte(FIND_TRAILER);
        if (trailer < 0) {
            in.skipBytes(in.readableBytes());
            return false;
        }
        in.readerIndex(trailer + 1);
        state = framing == Framing.OCTET_COUNTING ? State.COUNT : State.LINE;
        return true;
    }

    /** Passes a frame on without its line ending; a frame that was nothing but a line ending is a keepalive. */
    private static void emit(ByteBuf frame, List<Object> out) {
        int end = frame.writerIndex();
        while (end > frame.readerIndex()) {
            byte last = frame.getByte(end - 1);
            if (last != LF && last != CR && last != NUL) {
                break;
            }
            end--;
        }
        if (end == frame.readerIndex()) {
            frame.release();
            return;
        }
        frame.writerIndex(end);
        out.add(frame);
    }

    private static void skipKeepalives(ByteBuf in) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b != LF && b != CR && b != NUL) {
                return;
            }
            in.skipBytes(1);
        }
    }

    /**
     * The connection ended: a last line without its trailer is still a message (senders often omit the final LF),
     * but an octet-counted message cut short is reported, never passed on half.
     */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.isReadable()) {
            decode(ctx, in, out);
        }
        if (state == State.BODY || (state == State.COUNT && digits > 0)) {
            listener.discarded(FrameProblem.TRUNCATED);
        } else if (state == State.LINE && in.isReadable()) {
            emit(in.readRetainedSlice(in.readableBytes()), out);
        }
        in.skipBytes(in.readableBytes());
        count = 0;
        digits = 0;
        skipRemaining = 0;
        scanned = 0;
        if (framing != Framing.UNDECIDED) {
            state = framing == Framing.OCTET_COUNTING ? State.COUNT : State.LINE;
        }
    }
}
