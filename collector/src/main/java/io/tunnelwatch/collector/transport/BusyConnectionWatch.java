package io.tunnelwatch.collector.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in a connection's pipeline: when one read round of the connection brought {@link #BUSY_ROUND_BYTES} or
 * more, its loop looks without napping for a nap's time ({@link NappingSelectStrategy}). A router's lines come a few hundred
 * bytes per nap; a sender that brings this much is one that a nap would hold back (its receive window fills while
 * the loop naps), and it is read as Netty's own loop would read it.
 */
final class BusyConnectionWatch extends ChannelInboundHandlerAdapter {

    static final int BUSY_ROUND_BYTES = 8 * 1024;

    private int bytesThisRound;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes) {
            bytesThisRound += bytes.readableBytes();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (bytesThisRound >= BUSY_ROUND_BYTES) {
            NappingSelectStrategy.busyRound();
        }
        bytesThisRound = 0;
        ctx.fireChannelReadComplete();
    }
}
