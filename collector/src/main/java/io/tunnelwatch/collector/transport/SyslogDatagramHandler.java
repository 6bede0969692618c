package io.tunnelwatch.collector.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import io.tunnelwatch.collector.syslog.SyslogIngest;
import io.tunnelwatch.collector.syslog.Transport;
import java.nio.charset.StandardCharsets;

/** One syslog message per UDP datagram (RFC 5426), handed to the shared ingest path. */
@ChannelHandler.Sharable
public final class SyslogDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {

    private final SyslogIngest ingest;

    public SyslogDatagramHandler(SyslogIngest ingest) {
        this.ingest = ingest;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        String line = packet.content().toString(StandardCharsets.UTF_8);
        ingest.accept(line, NetUtil.toAddressString(packet.sender().getAddress()), Transport.UDP);
    }
}
