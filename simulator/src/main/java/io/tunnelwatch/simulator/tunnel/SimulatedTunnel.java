package io.tunnelwatch.simulator.tunnel;

import io.tunnelwatch.simulator.message.CryptoMessages;
import java.time.Instant;
import java.util.List;

/**
 * One simulated tunnel between two routers, its two {@link RouterTunnelEnd}s driven together so they stay consistent:
 * what A encrypts (cipSecTunOutPkts) is what B decrypts (cipSecTunInPkts), minus what a fault drops on the way; phase 1
 * and phase 2 come up and go down at both ends at once, with the traps and messages each end sends; a rekey replaces
 * the SA row at both ends.
 */
public final class SimulatedTunnel {

    /** cipSecTunLifeTime / cikeTunLifeTime the simulated crypto profiles configure (IOS defaults). */
    public static final long IPSEC_LIFETIME_SECONDS = 3600;
    public static final long IKE_LIFETIME_SECONDS = 86_400;
    static final long IPSEC_LIFE_KILOBYTES = 4_608_000;
    /** Octets per simulated packet (ESP overhead included): octet counters move in step with packet counters. */
    public static final int PACKET_OCTETS = 420;
    /** Share (percent) of the traffic a fault drops, fails or corrupts. */
    static final int FAULT_SHARE_PERCENT = 5;
    static final int MTU_SHARE_PERCENT = 30;

    private final RouterTunnelEnd a;
    private final RouterTunnelEnd b;
    private double remainderAtoB;
    private double remainderBtoA;

    public SimulatedTunnel(RouterTunnelEnd a, RouterTunnelEnd b) {
        this.a = a;
        this.b = b;
    }

    /** Pairs router {@code x}'s end towards {@code y} with {@code y}'s end towards {@code x}, creating both. */
    public static SimulatedTunnel between(RouterModel x, RouterModel y) {
        return new SimulatedTunnel(x.addEnd(y.address()), y.addEnd(x.address()));
    }

    public RouterTunnelEnd a() {
        return a;
    }

    public RouterTunnelEnd b() {
        return b;
    }

    public List<RouterTunnelEnd> ends() {
        return List.of(a, b);
    }

    /** The other end of {@code end}. */
    public RouterTunnelEnd far(RouterTunnelEnd end) {
        return end == a ? b : a;
    }

    public boolean ikeUp() {
        return a.ikeIndex() != null && b.ikeIndex() != null;
    }

    public boolean ipsecUp() {
        return a.sa() != null && b.sa() != null;
    }

    /** Brings phase 1 (if down) and phase 2 (if down) up at both ends. */
    public void establish(Instant now, WireOutput out) {
        boolean wasUp = ipsecUp();
        for (RouterTunnelEnd end : ends()) {
            if (end.ikeIndex() == null) {
                end.ikeUp(end.router().allocateIkeIndex(), now);
                out.notify(end.router(), new Notification.IkeTunnelStart(end.ikeIndex(), end.router().address(),
                        end.peer(), IKE_LIFETIME_SECONDS));
            }
            if (end.sa() == null) {
                installSa(end, now, out);
            }
        }
        if (!wasUp) {
            for (RouterTunnelEnd end : ends()) {
                out.syslog(end.router(), CryptoMessages.sessionStatus(ikev2(end), true, end.peer(), 500));
            }
        }
    }

    /** Tears down phase 2 and, when {@code ikeToo}, phase 1 at both ends. */
    public void tearDown(boolean ikeToo, Instant now, WireOutput out) {
        boolean wasUp = ipsecUp();
        for (RouterTunnelEnd end : ends()) {
            removeSa(end, now, out);
            if (ikeToo && end.ikeIndex() != null) {
                out.notify(end.router(), new Notification.IkeTunnelStop(end.ikeIndex(), end.router().address(),
                        end.peer(), SimulationClock.hundredths(end.ikeSince(), now)));
                end.ikeDown();
            }
        }
        if (wasUp) {
            for (RouterTunnelEnd end : ends()) {
                out.syslog(end.router(), CryptoMessages.sessionStatus(ikev2(end), false, end.peer(), 500));
            }
        }
    }

    /** A lifetime rekey: each end's SA row is replaced by a new one (new index, counters from 0). */
    public void rekey(Instant now, WireOutput out) {
        for (RouterTunnelEnd end : ends()) {
            rekey(end, now, out);
        }
    }

    /** Replaces one end's SA only, as when its peer missed the rekey. */
    public void rekey(RouterTunnelEnd end, Instant now, WireOutput out) {
        if (end.sa() != null) {
            removeSa(end, now, out);
            installSa(end, now, out);
        }
    }

    /** Sets a tunnel interface's line protocol, with the messages and linkUp/linkDown trap of that change. */
    public void interfaceState(RouterTunnelEnd end, boolean up, WireOutput out) {
        if (end.interfaceUp() == up) {
            return;
        }
        end.interfaceUp(up);
        out.syslog(end.router(), CryptoMessages.tunnelLineProtocol(end.tunnelId(), up));
        out.notify(end.router(), new Notification.Link(up, end.ifIndex(), end.interfaceName()));
    }

    /** Puts close-to-wrapping counters into both ends' SAs (the SAs a simulation starts with). */
    public void preload(long headroom) {
        ends().forEach(e -> {
            if (e.sa() != null) {
                e.sa().preload(headroom);
            }
        });
    }

    /** Carries {@code packetsPerSecond} each way for {@code seconds} of simulated time. */
    public void carry(double seconds, double packetsPerSecond) {
        double offeredAtoB = packetsPerSecond * seconds + remainderAtoB;
        double offeredBtoA = packetsPerSecond * seconds + remainderBtoA;
        remainderAtoB = offeredAtoB - Math.floor(offeredAtoB);
        remainderBtoA = offeredBtoA - Math.floor(offeredBtoA);
        carry(a, b, (long) Math.floor(offeredAtoB));
        carry(b, a, (long) Math.floor(offeredBtoA));
    }

    private static void carry(RouterTunnelEnd sender, RouterTunnelEnd receiver, long offered) {
        SecurityAssociation out = sender.sa();
        if (out == null || offered == 0 || !sender.interfaceUp() || !sender.impairments().sending()) {
            return;
        }
        long tooBig = sender.impairments().droppingOversized() ? offered * MTU_SHARE_PERCENT / 100 : 0;
        long sent = offered - tooBig;
        out.outDrops += tooBig;
        out.outPkts += sent;
        out.outOctets += sent * PACKET_OCTETS;
        SecurityAssociation in = receiver.sa();
        if (in == null || !receiver.interfaceUp() || sender.impairments().onStaleSa()) {
            return;
        }
        long replayed = receiver.impairments().failingReplay() ? sent * FAULT_SHARE_PERCENT / 100 : 0;
        long corrupted = receiver.impairments().failingIntegrity() ? sent * FAULT_SHARE_PERCENT / 100 : 0;
        long accepted = sent - replayed - corrupted;
        in.inReplayDrops += replayed;
        in.inAuthFails += corrupted;
        in.inDecryptFails += corrupted;
        in.inPkts += accepted;
        in.inOctets += accepted * PACKET_OCTETS;
    }

    private static void installSa(RouterTunnelEnd end, Instant now, WireOutput out) {
        SecurityAssociation sa = end.router().newSa(end.ikeIndex(), now);
        end.sa(sa);
        out.notify(end.router(), new Notification.IpsecTunnelStart(sa.tunIndex(), IPSEC_LIFETIME_SECONDS,
                IPSEC_LIFE_KILOBYTES));
    }

    private static void removeSa(RouterTunnelEnd end, Instant now, WireOutput out) {
        SecurityAssociation sa = end.sa();
        if (sa != null) {
            end.sa(null);
            out.notify(end.router(), new Notification.IpsecTunnelStop(sa.tunIndex(),
                    SimulationClock.hundredths(sa.createdAt(), now)));
        }
    }

    /**
     * The IKE family of the tunnel this end belongs to: both ends negotiate one version, so it is a property of the
     * pair, not of one router. Tunnels whose lower address ends in an even number speak IKEv2, the others IKEv1: the
     * fleet mixes both, and each end logs only its tunnel's family.
     */
    public static boolean ikev2(RouterTunnelEnd end) {
        return Math.min(lastOctet(end.router().address()), lastOctet(end.peer())) % 2 == 0;
    }

    private static int lastOctet(String address) {
        return Integer.parseInt(address.substring(address.lastIndexOf('.') + 1));
    }
}
