package io.tunnelwatch.streams.peer;

import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link PeerState} in binary: the form of the {@code peer-state} store and its changelog (the topology's
 * {@code PeerStateStoreSerde}). Every field of the state in the record's declaration order, as {@link BinaryOutput}
 * writes them: variable-length integers, each distinct string once per record, enum constants by name.
 * <ul>
 *   <li>Layout 4, written since release 0.5: layout 3, but each list of poll deltas (the peer's and the far end's) is
 *   written by {@link DeltaListCodec}, each delta against the one before it, and the last poll comes after the
 *   peer's deltas, its own deltas written as a flag when they are the last delta's.</li>
 *   <li>Layout 3 (release 0.4), still read: layout 2, but the timeline is a section of its own, its length and then
 *   its bytes ({@link TimelineCodec}), kept undecoded in the state read ({@link EncodedTimeline}) and copied when the
 *   state is written again with the same timeline.</li>
 *   <li>Layout 2 (release 0.3), still read: each time in microseconds from the time written before it, the first
 *   from the epoch second of {@code lastEventAt}; the commonest enum names and mnemonics as an index into
 *   {@link WellKnownStrings}.</li>
 *   <li>Layout 1 (release 0.2), still read: each time in microseconds from the epoch second of {@code lastEventAt};
 *   every string as text or a back-reference.</li>
 * </ul>
 * Sizes are in docs/performance.md#a-binary-peer-state.
 *
 * <p>The first byte is the layout. A layout is never changed once released: a new field, or any other change, is a
 * new layout number whose reader also keeps reading the older ones, so a new release restores any changelog an old
 * one wrote; a record of a layout this build does not know fails with a message naming it.
 */
public final class PeerStateCodec {

    public static final int LAYOUT_1 = 1;
    public static final int LAYOUT_2 = 2;
    public static final int LAYOUT_3 = 3;
    public static final int LAYOUT_4 = 4;

    private final BinaryOutput out = new BinaryOutput();
    private final TimelineCodec timeline = new TimelineCodec();

    /** Writes {@code s} in the newest layout. Not thread-safe: one codec per thread (the serde keeps one per thread). */
    public byte[] encode(PeerState s) {
        long baseSecond = s.lastEventAt() == null
                || Math.abs(s.lastEventAt().getEpochSecond()) >= BinaryOutput.MAX_CHAINED_SECONDS
                ? 0 : s.lastEventAt().getEpochSecond();
        out.reset(baseSecond);
        out.writeByte(LAYOUT_4);
        out.writeSigned(baseSecond);
        out.writeSigned(s.v());
        out.writeString(s.device());
        out.writeString(s.peer());
        out.writeEnum(s.phase());
        out.writeInstant(s.phaseSince());
        out.writeEnum(s.ikeVersion());
        out.writeBoolean(s.natT());
        out.writeInstant(s.lastEventAt());
        out.writeString(s.lastMnemonic());
        writeIke(s.ike());
        writeIpsec(s.ipsec());
        writeDeltas(s.recentDeltas());
        writeSample(s.lastSample(), s.recentDeltas());
        writeTunnel(s.tunnel());
        out.writeString(s.sourceInterface());
        out.writeString(s.cryptoAcl());
        out.writeString(s.tunnelName());
        out.writeByte(s.probeFailing() == null ? 0 : s.probeFailing() ? 2 : 1);
        out.writeUnsigned(s.upDowns().size());
        for (UpDown u : s.upDowns()) {
            out.writeInstant(u.at());
            out.writeBoolean(u.up());
        }
        out.writeUnsigned(s.recentEvents().size());
        for (Evidence e : s.recentEvents()) {
            out.writeInstant(e.at());
            out.writeString(e.kind());
            out.writeString(e.mnemonic());
            out.writeString(e.text());
        }
        writeFarEnd(s.farEnd());
        writeOpenAlert(s.openAlert());
        out.writeInstant(s.nextCheckAt());
        writeMilestones(s.milestones());
        writeAdjacencies(s.adjacencies());
        return out.toByteArray();
    }

    /**
     * Reads a record that {@link #encode} wrote, from its layout byte on.
     *
     * @throws IllegalArgumentException when the record is truncated, corrupt or of a layout this build does not know
     */
    public static PeerState decode(byte[] bytes) {
        BinaryInput in = new BinaryInput(bytes, 0);
        int layout = in.readByte();
        if (layout == LAYOUT_1) {
            in.layoutOne(in.readSigned());
        } else if (layout == LAYOUT_2 || layout == LAYOUT_3 || layout == LAYOUT_4) {
            in.layoutTwo(in.readSigned());
        } else {
            throw new IllegalArgumentException("unknown peer state layout " + layout);
        }
        int v = in.readInt();
        String device = require(in.readString(), "device");
        String peer = require(in.readString(), "peer");
        PeerPhase phase = in.readEnum(PeerPhase.class);
        Instant phaseSince = in.readInstant();
        IkeVersion ikeVersion = in.readEnum(IkeVersion.class);
        boolean natT = in.readBoolean();
        Instant lastEventAt = in.readInstant();
        String lastMnemonic = in.readString();
        IkeStatus ike = readIke(in);
        IpsecStatus ipsec = readIpsec(in);
        CounterSample lastSample;
        List<CounterDelta> deltas;
        if (layout == LAYOUT_4) {
            deltas = DeltaListCodec.read(in);
            lastSample = readSample(in, deltas);
        } else {
            lastSample = readSample(in, null);
            deltas = readDeltas(in);
        }
        PeerState.TunnelInterface tunnel = readTunnel(in);
        String sourceInterface = in.readString();
        String cryptoAcl = in.readString();
        String tunnelName = in.readString();
        int probe = in.readByte();
        Boolean probeFailing = switch (probe) {
            case 0 -> null;
            case 1 -> Boolean.FALSE;
            case 2 -> Boolean.TRUE;
            default -> throw new IllegalArgumentException("probeFailing tag " + probe);
        };
        int upDownCount = in.readCount();
        List<UpDown> upDowns = new ArrayList<>(upDownCount);
        for (int i = 0; i < upDownCount; i++) {
            upDowns.add(new UpDown(in.readInstant(), in.readBoolean()));
        }
        int eventCount = in.readCount();
        List<Evidence> events = new ArrayList<>(eventCount);
        for (int i = 0; i < eventCount; i++) {
            events.add(new Evidence(in.readInstant(), in.readString(), in.readString(), in.readString()));
        }
        TunnelEnd farEnd = readFarEnd(in, layout);
        OpenAlert openAlert = readOpenAlert(in);
        Instant nextCheckAt = in.readInstant();
        List<Milestone> milestones = layout >= LAYOUT_3 ? readTimeline(in) : readMilestones(in);
        List<RoutingAdjacency> adjacencies = readAdjacencies(in);
        if (!in.atEnd()) {
            throw new IllegalArgumentException("bytes left after the state at byte " + in.position() + " of "
                    + bytes.length);
        }
        return new PeerState(v, device, peer, phase, phaseSince, ikeVersion, natT, lastEventAt, lastMnemonic, ike,
                ipsec, lastSample, deltas, tunnel, sourceInterface, cryptoAcl, tunnelName, probeFailing, upDowns,
                events, farEnd, openAlert, nextCheckAt, milestones, adjacencies);
    }

    private void writeIke(IkeStatus ike) {
        out.writeEnum(ike.state());
        out.writeInstant(ike.since());
        out.writeEnum(ike.lastFailure());
        out.writeInstant(ike.lastFailureAt());
        out.writeInstant(ike.lastRetransmitAt());
    }

    private static IkeStatus readIke(BinaryInput in) {
        return new IkeStatus(in.readEnum(IkeState.class), in.readInstant(), in.readEnum(EventKind.class),
                in.readInstant(), in.readInstant());
    }

    private void writeIpsec(IpsecStatus ipsec) {
        out.writeEnum(ipsec.state());
        out.writeInstant(ipsec.since());
        out.writeEnum(ipsec.lastFailure());
        out.writeString(ipsec.failReason());
        out.writeInstant(ipsec.lastFailureAt());
    }

    private static IpsecStatus readIpsec(BinaryInput in) {
        return new IpsecStatus(in.readEnum(IpsecState.class), in.readInstant(), in.readEnum(EventKind.class),
                in.readString(), in.readInstant());
    }

    /**
     * The last poll, after the peer's deltas: when the last of them is this poll's (as the machine appends it), the
     * poll's own deltas are a flag and the one counter a delta does not keep.
     */
    private void writeSample(CounterSample sample, List<CounterDelta> deltas) {
        out.writeBoolean(sample != null);
        if (sample == null) {
            return;
        }
        out.writeSigned(sample.v());
        out.writeString(sample.device());
        out.writeString(sample.peer());
        out.writeInstant(sample.polledAt());
        out.writeBoolean(sample.deviceAnswered());
        out.writeSigned(sample.saCount());
        out.writeString(sample.ikeStatus());
        out.writeString(sample.ipsecStatus());
        writeCounters(sample.totals());
        if (!deltas.isEmpty() && deltas.get(deltas.size() - 1).equals(CounterDelta.of(sample))) {
            out.writeByte(1);
            out.writeSigned(sample.deltas().outEncryptFails());
        } else {
            out.writeByte(0);
            writeCounters(sample.deltas());
        }
        out.writeSigned(sample.tunnelMtu());
        out.writeString(sample.tunnelInterface());
        out.writeString(sample.sourceInterface());
    }

    /** The last poll; {@code deltas} the peer's, read before it (layout 4), else null. */
    private static CounterSample readSample(BinaryInput in, List<CounterDelta> deltas) {
        if (!in.readBoolean()) {
            return null;
        }
        return new CounterSample(in.readInt(), require(in.readString(), "lastSample.device"),
                require(in.readString(), "lastSample.peer"), require(in.readInstant(), "lastSample.polledAt"),
                in.readBoolean(), in.readInt(), in.readString(), in.readString(), readCounters(in),
                deltas == null ? readCounters(in) : readSampleDeltas(in, deltas), in.readInt(), in.readString(),
                in.readString());
    }

    /** A poll's deltas as {@link #writeSample} wrote them: a flag, then the last delta's counters or its own. */
    private static CounterSample.Counters readSampleDeltas(BinaryInput in, List<CounterDelta> deltas) {
        int flag = in.readByte();
        if (flag == 0) {
            return readCounters(in);
        }
        if (flag != 1 || deltas.isEmpty()) {
            throw new IllegalArgumentException("last poll's deltas tag " + flag + " with " + deltas.size()
                    + " deltas at byte " + in.position());
        }
        return deltas.get(deltas.size() - 1).counters(in.readSigned());
    }

    private void writeCounters(CounterSample.Counters c) {
        out.writeSigned(c.inPkts());
        out.writeSigned(c.outPkts());
        out.writeSigned(c.inOctets());
        out.writeSigned(c.outOctets());
        out.writeSigned(c.inDropPkts());
        out.writeSigned(c.outDropPkts());
        out.writeSigned(c.inReplayDropPkts());
        out.writeSigned(c.inAuthFails());
        out.writeSigned(c.inDecryptFails());
        out.writeSigned(c.outEncryptFails());
    }

    private static CounterSample.Counters readCounters(BinaryInput in) {
        return new CounterSample.Counters(in.readSigned(), in.readSigned(), in.readSigned(), in.readSigned(),
                in.readSigned(), in.readSigned(), in.readSigned(), in.readSigned(), in.readSigned(),
                in.readSigned());
    }

    private void writeDeltas(List<CounterDelta> deltas) {
        DeltaListCodec.write(out, deltas);
    }

    /** Poll deltas as layouts 1 to 3 wrote them: every field of each. */
    private static List<CounterDelta> readDeltas(BinaryInput in) {
        int count = in.readCount();
        List<CounterDelta> deltas = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            deltas.add(new CounterDelta(in.readInstant(), in.readInt(), in.readSigned(), in.readSigned(),
                    in.readSigned(), in.readSigned(), in.readSigned(), in.readSigned(), in.readSigned(),
                    in.readSigned(), in.readSigned()));
        }
        return deltas;
    }

    private void writeTunnel(PeerState.TunnelInterface tunnel) {
        out.writeBoolean(tunnel != null);
        if (tunnel != null) {
            out.writeString(tunnel.name());
            out.writeBoolean(tunnel.up());
            out.writeInstant(tunnel.since());
        }
    }

    private static PeerState.TunnelInterface readTunnel(BinaryInput in) {
        return in.readBoolean()
                ? new PeerState.TunnelInterface(in.readString(), in.readBoolean(), in.readInstant()) : null;
    }

    private void writeFarEnd(TunnelEnd far) {
        out.writeBoolean(far != null);
        if (far == null) {
            return;
        }
        out.writeSigned(far.v());
        out.writeString(far.device());
        out.writeString(far.peer());
        out.writeString(far.farDevice());
        out.writeInstant(far.at());
        writeDeltas(far.recentDeltas());
        out.writeInstant(far.lastRekeyAt());
        out.writeString(far.lastRekeyKind());
    }

    private static TunnelEnd readFarEnd(BinaryInput in, int layout) {
        if (!in.readBoolean()) {
            return null;
        }
        return new TunnelEnd(in.readInt(), require(in.readString(), "farEnd.device"),
                require(in.readString(), "farEnd.peer"), require(in.readString(), "farEnd.farDevice"),
                in.readInstant(), layout == LAYOUT_4 ? DeltaListCodec.read(in) : readDeltas(in), in.readInstant(),
                in.readString());
    }

    private void writeOpenAlert(OpenAlert alert) {
        out.writeBoolean(alert != null);
        if (alert == null) {
            return;
        }
        out.writeString(alert.id());
        out.writeEnum(alert.type());
        out.writeInstant(alert.openedAt());
        out.writeString(alert.cause());
        writeStrings(alert.related());
        out.writeInstant(alert.clearingSince());
    }

    private static OpenAlert readOpenAlert(BinaryInput in) {
        if (!in.readBoolean()) {
            return null;
        }
        return new OpenAlert(in.readString(), in.readEnum(AlertType.class), in.readInstant(), in.readString(),
                readStrings(in), in.readInstant());
    }

    /** The timeline's section length (0: no milestones), then the section, copied when it was read as one. */
    private void writeMilestones(List<Milestone> milestones) {
        byte[] section;
        if (milestones instanceof EncodedTimeline read) {
            section = read.section();
        } else if (milestones.isEmpty()) {
            out.writeUnsigned(0);
            return;
        } else {
            section = timeline.encode(milestones);
        }
        out.writeUnsigned(section.length);
        out.writeBytes(section);
    }

    private static List<Milestone> readTimeline(BinaryInput in) {
        long length = in.readUnsigned();
        if (length == 0) {
            return List.of();
        }
        byte[] section = in.readBytes(length);
        TimelineCodec.verify(section);
        return new EncodedTimeline(section);
    }

    /** Layouts 1 and 2: the milestones inline. */
    private static List<Milestone> readMilestones(BinaryInput in) {
        int count = in.readCount();
        List<Milestone> milestones = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            milestones.add(new Milestone(in.readInstant(), in.readEnum(Milestone.Kind.class), in.readString(),
                    in.readString(), readStrings(in)));
        }
        return milestones;
    }

    private void writeAdjacencies(List<RoutingAdjacency> adjacencies) {
        out.writeUnsigned(adjacencies.size());
        for (RoutingAdjacency a : adjacencies) {
            out.writeString(a.protocol());
            out.writeString(a.neighbor());
            out.writeString(a.iface());
            out.writeBoolean(a.up());
            out.writeInstant(a.since());
            out.writeString(a.reason());
        }
    }

    private static List<RoutingAdjacency> readAdjacencies(BinaryInput in) {
        int count = in.readCount();
        List<RoutingAdjacency> adjacencies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            adjacencies.add(new RoutingAdjacency(in.readString(), in.readString(), in.readString(), in.readBoolean(),
                    in.readInstant(), in.readString()));
        }
        return adjacencies;
    }

    private void writeStrings(List<String> lines) {
        out.writeUnsigned(lines.size());
        for (String line : lines) {
            out.writeString(line);
        }
    }

    private static List<String> readStrings(BinaryInput in) {
        int count = in.readCount();
        List<String> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(require(in.readString(), "a line"));
        }
        return lines;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        return value;
    }
}
