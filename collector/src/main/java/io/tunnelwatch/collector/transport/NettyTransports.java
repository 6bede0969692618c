package io.tunnelwatch.collector.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.nio.channels.spi.SelectorProvider;

/** Native epoll where the platform has it (Linux), NIO otherwise: one place decides, every listener follows. */
public final class NettyTransports {

    private NettyTransports() {
    }

    public static boolean nativeEpoll() {
        return Epoll.isAvailable() && !Boolean.getBoolean("tunnelwatch.nio");
    }

    public static EventLoopGroup newGroup(int threads) {
        IoHandlerFactory factory = nativeEpoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    /**
     * The loops of the TCP and TLS connections, which nap before each look at their sockets
     * ({@link NappingSelectStrategy}); not for UDP sockets or listening sockets.
     */
    public static EventLoopGroup newStreamGroup(int threads) {
        SelectStrategyFactory napping = NappingSelectStrategy::new;
        IoHandlerFactory factory = nativeEpoll() ? EpollIoHandler.newFactory(0, napping)
                : NioIoHandler.newFactory(SelectorProvider.provider(), napping);
        return new MultiThreadIoEventLoopGroup(threads, factory);
    }

    public static Class<? extends DatagramChannel> datagramChannel() {
        return nativeEpoll() ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public static Class<? extends ServerSocketChannel> serverChannel() {
        return nativeEpoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public static String name() {
        return nativeEpoll() ? "epoll" : "nio";
    }
}
