package io.tunnelwatch.benchmarks;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.IosXeMessages;
import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.IkeStatus;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.IpsecStatus;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.peer.UpDown;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The worst case of a peer's state for a restore: every bounded list of {@link PeerState} full, as after a long
 * flapping spell with alerts opening and resolving. The texts are rendered from the sourced IOS-XE message table
 * ({@link IosXeMessages}: IKEv2 session up and down, invalid SPI) with this peer's address; times a few seconds to a
 * minute apart, counters and SPIs come from a source seeded by the peer's number, so no two peers' records are alike.
 */
final class FullHistoryStates {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final String SESSION = "CRYPTO-5-IKEV2_SESSION_STATUS";
    private static final PeerPhase[] FLAPS = {PeerPhase.IKE_NEGOTIATING, PeerPhase.IPSEC_UP, PeerPhase.DOWN};

    private FullHistoryStates() {
    }

    /** The key of peer {@code n} of a fleet of routers with 50 peers each. */
    static PeerKey key(int n) {
        return new PeerKey(String.format("rtr-%05d", n / 50), "10." + (n >> 16 & 255) + "." + (n >> 8 & 255) + "."
                + (n & 255));
    }

    static PeerState of(int n) {
        PeerKey key = key(n);
        String peer = key.peer();
        // This router's own address: the far end's peer, and the destination of the packets with an invalid SPI.
        String self = "192.0.2." + n % 250;
        SplittableRandom random = new SplittableRandom(n);
        Instant at = T0.plusNanos(random.nextLong(86_400_000_000_000L) / 1_000 * 1_000);
        PeerState.Builder b = PeerState.unknown(key.device(), peer).toBuilder();
        for (int i = 0; i < PeerState.MAX_EVENTS; i++) {
            at = at.plusNanos(random.nextLong(2_000_000_000L, 60_000_000_000L) / 1_000 * 1_000);
            boolean up = i % 2 == 1;
            String text = text(up ? "session-up-v2" : "session-down-v2", "peer", peer, "port", 4500);
            b.event(new Evidence(at, up ? "SESSION_UP" : "SESSION_DOWN", SESSION, text))
                    .lastEvent(at, SESSION)
                    .upDown(new UpDown(at, up))
                    .phase(FLAPS[i % FLAPS.length], at);
        }
        long outPkts = random.nextLong(1L << 32);
        long inPkts = random.nextLong(1L << 32);
        for (int i = 0; i < PeerState.MAX_DELTAS; i++) {
            at = at.plusSeconds(60);
            long out = random.nextLong(100, 50_000);
            long in = random.nextLong(100, 50_000);
            outPkts += out;
            inPkts += in;
            b.sample(new CounterSample(CounterSample.VERSION, key.device(), peer, at, true, 1, null, null,
                    counters(inPkts, outPkts, random.nextInt(3)), counters(in, out, random.nextInt(3))));
        }
        for (int i = 0; i < PeerState.MAX_ALERT_STEPS; i++) {
            List<String> lines = new ArrayList<>();
            for (int e = 0; e < Milestone.MAX_EVIDENCE; e++) {
                long spi = random.nextLong(1L << 32);
                lines.add(new Evidence(at.plusMillis(e * 250L), "INVALID_SPI", "CRYPTO-4-RECVD_PKT_INV_SPI",
                        text("invalid-spi", "self", self, "spi_hex", Long.toHexString(spi)
                                .toUpperCase(Locale.ROOT), "spi", spi, "peer", peer, "interface",
                                "GigabitEthernet0/0/1")).line());
            }
            b.milestone(new Milestone(at.plusSeconds(i * 90L), i % 2 == 0 ? Milestone.Kind.OPENED
                    : Milestone.Kind.RESOLVED, "DecapsStalled", "no packets decrypted for 3 polls while encaps grows",
                    lines));
        }
        return b.ikeVersion(IkeVersion.IKEV2)
                .natT(random.nextBoolean())
                .ike(IkeStatus.UNKNOWN.enter(IkeState.READY, at))
                .ipsec(IpsecStatus.UNKNOWN.enter(IpsecState.NO_SA, at)
                        .failed(EventKind.IPSEC_SETUP_FAILED, "transform set mismatch", at))
                .tunnel(new PeerState.TunnelInterface("Tunnel" + n % 50, true, at))
                .sourceInterface("GigabitEthernet0/0/1")
                .farEnd(new TunnelEnd(TunnelEnd.VERSION, "rtr-far-" + n % 1000, self, key.device(), at,
                        b.recentDeltas(), at, "IPSEC_SA_UP"))
                .openAlert(new OpenAlert("alert-" + n, AlertType.DECAPS_STALLED, at, "decaps flat for 3 polls",
                        List.of("CryptoErrors"), null))
                .nextCheckAt(at.plusSeconds(60))
                .build();
    }

    /** The text of IOS-XE message {@code id} (events' sourced table) after its {@code %MNEMONIC:}. */
    private static String text(String id, Object... namesAndValues) {
        String message = IosXeMessages.render(id, namesAndValues);
        return message.substring(message.indexOf(": ") + 2);
    }

    private static CounterSample.Counters counters(long in, long out, long drops) {
        return new CounterSample.Counters(in, out, in * 120, out * 120, drops, 0, 0, 0, 0, 0);
    }
}
