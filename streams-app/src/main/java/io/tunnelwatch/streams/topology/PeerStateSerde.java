package io.tunnelwatch.streams.topology;

import io.tunnelwatch.events.json.CounterSampleSerde;
import io.tunnelwatch.events.json.IsoInstantWriter;
import io.tunnelwatch.events.json.JsonByteWriter;
import io.tunnelwatch.events.json.JsonSerde;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.Evidence;
import io.tunnelwatch.streams.peer.IkeStatus;
import io.tunnelwatch.streams.peer.IpsecStatus;
import io.tunnelwatch.streams.peer.Milestone;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.peer.PeerStateReader;
import io.tunnelwatch.streams.peer.RoutingAdjacency;
import io.tunnelwatch.streams.peer.TunnelEnd;
import io.tunnelwatch.streams.peer.UpDown;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.io.IOException;
import java.time.DateTimeException;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link PeerState} as JSON, on {@code tunnelwatch.peer-state} (and in the {@code peer-state} store before release
 * 0.2, which {@link PeerStateStoreSerde} still reads): written by {@link JsonByteWriter}, read by
 * {@link PeerStateReader} (Jackson's streaming parser). The same JSON as data binding ({@link JsonSerde}) writes:
 * names in record order, ISO-8601 times, nulls written; so either reads what the other wrote, and readers still
 * ignore unknown fields.
 *
 * <p>Why not data binding: data binding of a peer's state was most of the processor's own CPU when the store held
 * JSON (docs/performance.md). The serializers of one serde remember, per thread, the last state they wrote, so a
 * second write of the same instance reuses its bytes.
 */
public final class PeerStateSerde implements Serde<PeerState> {

    /** The last state written on this thread (by identity) and its bytes; never mutated once returned. */
    private record Written(PeerState state, byte[] bytes) {
    }

    private final ThreadLocal<Writer> writers = ThreadLocal.withInitial(Writer::new);

    @Override
    public Serializer<PeerState> serializer() {
        return (topic, state) -> state == null ? null : writers.get().bytesOf(state);
    }

    @Override
    public Deserializer<PeerState> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return PeerStateReader.read(bytes);
            } catch (IOException | IllegalArgumentException | NullPointerException | DateTimeException e) {
                throw new SerializationException("not a PeerState JSON value on " + topic + ": " + e.getMessage(),
                        e);
            }
        };
    }

    /** One per thread: an output buffer, an instant printer and the last state written. */
    private static final class Writer {
        private static final JsonByteWriter.Name PHASE_SINCE = JsonByteWriter.Name.of("phaseSince");
        private static final JsonByteWriter.Name LAST_EVENT_AT = JsonByteWriter.Name.of("lastEventAt");
        private static final JsonByteWriter.Name AT = JsonByteWriter.Name.of("at");
        private static final JsonByteWriter.Name CLEARING_SINCE = JsonByteWriter.Name.of("clearingSince");
        private static final JsonByteWriter.Name LAST_FAILURE_AT = JsonByteWriter.Name.of("lastFailureAt");
        private static final JsonByteWriter.Name LAST_REKEY_AT = JsonByteWriter.Name.of("lastRekeyAt");
        private static final JsonByteWriter.Name LAST_RETRANSMIT_AT = JsonByteWriter.Name.of("lastRetransmitAt");
        private static final JsonByteWriter.Name NEXT_CHECK_AT = JsonByteWriter.Name.of("nextCheckAt");
        private static final JsonByteWriter.Name OPENED_AT = JsonByteWriter.Name.of("openedAt");
        private static final JsonByteWriter.Name SINCE = JsonByteWriter.Name.of("since");

        private final JsonByteWriter out = new JsonByteWriter();
        private final IsoInstantWriter instants = new IsoInstantWriter();
        private Written last = new Written(null, null);

        byte[] bytesOf(PeerState state) {
            if (last.state() != state) {
                last = new Written(state, write(state));
            }
            return last.bytes();
        }

        private byte[] write(PeerState s) {
            out.startObject()
                    .number("v", s.v())
                    .string("device", s.device())
                    .string("peer", s.peer())
                    .string("phase", s.phase().name());
            instants.write(out, PHASE_SINCE, s.phaseSince());
            out.string("ikeVersion", s.ikeVersion().name()).bool("natT", s.natT());
            instants.write(out, LAST_EVENT_AT, s.lastEventAt());
            out.string("lastMnemonic", s.lastMnemonic());
            writeIke(s.ike());
            writeIpsec(s.ipsec());
            if (s.lastSample() == null) {
                out.nullMember("lastSample");
            } else {
                out.startObject("lastSample");
                CounterSampleSerde.writeMembers(out, instants, s.lastSample());
                out.endObject();
            }
            writeDeltas(s.recentDeltas());
            writeTunnel(s.tunnel());
            out.string("sourceInterface", s.sourceInterface()).string("cryptoAcl", s.cryptoAcl())
                    .string("tunnelName", s.tunnelName());
            if (s.probeFailing() == null) {
                out.nullMember("probeFailing");
            } else {
                out.bool("probeFailing", s.probeFailing());
            }
            out.startArray("upDowns");
            for (UpDown u : s.upDowns()) {
                out.startElement();
                instants.write(out, AT, u.at());
                out.bool("up", u.up()).endObject();
            }
            out.endArray().startArray("recentEvents");
            for (Evidence e : s.recentEvents()) {
                out.startElement();
                instants.write(out, AT, e.at());
                out.string("kind", e.kind()).string("mnemonic", e.mnemonic()).string("text", e.text()).endObject();
            }
            out.endArray();
            writeFarEnd(s.farEnd());
            writeOpenAlert(s.openAlert());
            instants.write(out, NEXT_CHECK_AT, s.nextCheckAt());
            writeMilestones(s.milestones());
            writeAdjacencies(s.adjacencies());
            return out.endObject().toByteArray();
        }

        private void writeIke(IkeStatus ike) {
            out.startObject("ike").string("state", enumName(ike.state()));
            instants.write(out, SINCE, ike.since());
            out.string("lastFailure", enumName(ike.lastFailure()));
            instants.write(out, LAST_FAILURE_AT, ike.lastFailureAt());
            instants.write(out, LAST_RETRANSMIT_AT, ike.lastRetransmitAt());
            out.endObject();
        }

        private void writeIpsec(IpsecStatus ipsec) {
            out.startObject("ipsec").string("state", enumName(ipsec.state()));
            instants.write(out, SINCE, ipsec.since());
            out.string("lastFailure", enumName(ipsec.lastFailure())).string("failReason", ipsec.failReason());
            instants.write(out, LAST_FAILURE_AT, ipsec.lastFailureAt());
            out.endObject();
        }

        private void writeDeltas(List<CounterDelta> deltas) {
            out.startArray("recentDeltas");
            for (CounterDelta d : deltas) {
                out.startElement();
                instants.write(out, AT, d.at());
                out.number("saCount", d.saCount())
                        .number("encaps", d.encaps())
                        .number("decaps", d.decaps())
                        .number("replayDrops", d.replayDrops())
                        .number("authFails", d.authFails())
                        .number("decryptFails", d.decryptFails())
                        .number("drops", d.drops())
                        .number("outDrops", d.outDrops())
                        .number("inOctets", d.inOctets())
                        .number("outOctets", d.outOctets())
                        .endObject();
            }
            out.endArray();
        }

        private void writeTunnel(PeerState.TunnelInterface tunnel) {
            if (tunnel == null) {
                out.nullMember("tunnel");
                return;
            }
            out.startObject("tunnel").string("name", tunnel.name()).bool("up", tunnel.up());
            instants.write(out, SINCE, tunnel.since());
            out.endObject();
        }

        private void writeFarEnd(TunnelEnd far) {
            if (far == null) {
                out.nullMember("farEnd");
                return;
            }
            out.startObject("farEnd")
                    .number("v", far.v())
                    .string("device", far.device())
                    .string("peer", far.peer())
                    .string("farDevice", far.farDevice());
            instants.write(out, AT, far.at());
            writeDeltas(far.recentDeltas());
            instants.write(out, LAST_REKEY_AT, far.lastRekeyAt());
            out.string("lastRekeyKind", far.lastRekeyKind()).endObject();
        }

        private void writeOpenAlert(OpenAlert alert) {
            if (alert == null) {
                out.nullMember("openAlert");
                return;
            }
            out.startObject("openAlert").string("id", alert.id()).string("type", enumName(alert.type()));
            instants.write(out, OPENED_AT, alert.openedAt());
            out.string("cause", alert.cause()).startArray("related");
            for (String r : alert.related()) {
                out.stringElement(r);
            }
            out.endArray();
            instants.write(out, CLEARING_SINCE, alert.clearingSince());
            out.endObject();
        }

        private void writeMilestones(List<Milestone> milestones) {
            out.startArray("milestones");
            for (Milestone m : milestones) {
                out.startElement();
                instants.write(out, AT, m.at());
                out.string("kind", enumName(m.kind())).string("name", m.name()).string("detail", m.detail())
                        .startArray("evidence");
                for (String line : m.evidence()) {
                    out.stringElement(line);
                }
                out.endArray().endObject();
            }
            out.endArray();
        }

        private void writeAdjacencies(List<RoutingAdjacency> adjacencies) {
            out.startArray("adjacencies");
            for (RoutingAdjacency a : adjacencies) {
                out.startElement().string("protocol", a.protocol()).string("neighbor", a.neighbor())
                        .string("iface", a.iface()).bool("up", a.up());
                instants.write(out, SINCE, a.since());
                out.string("reason", a.reason()).endObject();
            }
            out.endArray();
        }

        private static String enumName(Enum<?> value) {
            return value == null ? null : value.name();
        }
    }
}
