package io.tunnelwatch.streams.peer;

import static io.tunnelwatch.events.json.JsonValues.enumValue;
import static io.tunnelwatch.events.json.JsonValues.instant;
import static io.tunnelwatch.events.json.JsonValues.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tunnelwatch.events.CounterSample;
import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeState;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.events.json.CounterSampleSerde;
import io.tunnelwatch.events.json.Json;
import io.tunnelwatch.events.json.JsonValues;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JSON form of a {@link PeerState} ({@code tunnelwatch.peer-state}, and the {@code peer-state} store before
 * release 0.2; written by the topology's {@code PeerStateSerde}, or by data binding) with Jackson's streaming parser,
 * as data binding would: a missing member is null (the records' defaults apply), an unknown one is skipped. No Kafka
 * types: the Kafka serdes wrap it.
 */
public final class PeerStateReader {

    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    /** Reads one member's value; the parser is on its first token. */
    private interface Member {
        void read(String name, JsonToken t) throws IOException;
    }

    private PeerStateReader() {
    }

    /** A state from its JSON; fails on what is not one (IOException, or an unchecked exception of a bad field). */
    public static PeerState read(byte[] bytes) throws IOException {
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return readState(p, p.nextToken());
        }
    }

    private static PeerState readState(JsonParser p, JsonToken first) throws IOException {
        var f = new Object() {
            int v;
            String device;
            String peer;
            PeerPhase phase;
            Instant phaseSince;
            IkeVersion ikeVersion;
            boolean natT;
            Instant lastEventAt;
            String lastMnemonic;
            IkeStatus ike;
            IpsecStatus ipsec;
            CounterSample lastSample;
            List<CounterDelta> recentDeltas;
            PeerState.TunnelInterface tunnel;
            String sourceInterface;
            String cryptoAcl;
            String tunnelName;
            Boolean probeFailing;
            List<UpDown> upDowns;
            List<Evidence> recentEvents;
            TunnelEnd farEnd;
            OpenAlert openAlert;
            Instant nextCheckAt;
            List<Milestone> milestones;
            List<RoutingAdjacency> adjacencies;
        };
        members(p, first, (name, t) -> {
            switch (name) {
                case "v" -> f.v = p.getValueAsInt();
                case "device" -> f.device = text(p, t);
                case "peer" -> f.peer = text(p, t);
                case "phase" -> f.phase = enumValue(PeerPhase.class, p, t);
                case "phaseSince" -> f.phaseSince = instant(p, t);
                case "ikeVersion" -> f.ikeVersion = enumValue(IkeVersion.class, p, t);
                case "natT" -> f.natT = p.getValueAsBoolean();
                case "lastEventAt" -> f.lastEventAt = instant(p, t);
                case "lastMnemonic" -> f.lastMnemonic = text(p, t);
                case "ike" -> f.ike = readIke(p, t);
                case "ipsec" -> f.ipsec = readIpsec(p, t);
                case "lastSample" -> f.lastSample = CounterSampleSerde.read(p, t);
                case "recentDeltas" -> f.recentDeltas = readDeltas(p, t);
                case "tunnel" -> f.tunnel = readTunnel(p, t);
                case "sourceInterface" -> f.sourceInterface = text(p, t);
                case "cryptoAcl" -> f.cryptoAcl = text(p, t);
                case "tunnelName" -> f.tunnelName = text(p, t);
                case "probeFailing" -> f.probeFailing = JsonValues.bool(p, t);
                case "upDowns" -> f.upDowns = readList(p, t, PeerStateReader::readUpDown);
                case "recentEvents" -> f.recentEvents = readList(p, t, PeerStateReader::readEvidence);
                case "farEnd" -> f.farEnd = readFarEnd(p, t);
                case "openAlert" -> f.openAlert = readOpenAlert(p, t);
                case "nextCheckAt" -> f.nextCheckAt = instant(p, t);
                case "milestones" -> f.milestones = readList(p, t, PeerStateReader::readMilestone);
                case "adjacencies" -> f.adjacencies = readList(p, t, PeerStateReader::readAdjacency);
                default -> p.skipChildren();
            }
        });
        return new PeerState(f.v, f.device, f.peer, f.phase, f.phaseSince, f.ikeVersion, f.natT, f.lastEventAt,
                f.lastMnemonic, f.ike, f.ipsec, f.lastSample, f.recentDeltas, f.tunnel, f.sourceInterface,
                f.cryptoAcl, f.tunnelName, f.probeFailing, f.upDowns, f.recentEvents, f.farEnd, f.openAlert, f.nextCheckAt,
                f.milestones, f.adjacencies);
    }

    private static IkeStatus readIke(JsonParser p, JsonToken first) throws IOException {
        if (first == JsonToken.VALUE_NULL) {
            return null;
        }
        IkeState[] state = {null};
        EventKind[] lastFailure = {null};
        Instant[] at = new Instant[3];
        members(p, first, (name, t) -> {
            switch (name) {
                case "state" -> state[0] = enumValue(IkeState.class, p, t);
                case "since" -> at[0] = instant(p, t);
                case "lastFailure" -> lastFailure[0] = enumValue(EventKind.class, p, t);
                case "lastFailureAt" -> at[1] = instant(p, t);
                case "lastRetransmitAt" -> at[2] = instant(p, t);
                default -> p.skipChildren();
            }
        });
        return new IkeStatus(state[0], at[0], lastFailure[0], at[1], at[2]);
    }

    private static IpsecStatus readIpsec(JsonParser p, JsonToken first) throws IOException {
        if (first == JsonToken.VALUE_NULL) {
            return null;
        }
        IpsecState[] state = {null};
        EventKind[] lastFailure = {null};
        String[] failReason = {null};
        Instant[] at = new Instant[2];
        members(p, first, (name, t) -> {
            switch (name) {
                case "state" -> state[0] = enumValue(IpsecState.class, p, t);
                case "since" -> at[0] = instant(p, t);
                case "lastFailure" -> lastFailure[0] = enumValue(EventKind.class, p, t);
                case "failReason" -> failReason[0] = text(p, t);
                case "lastFailureAt" -> at[1] = instant(p, t);
                default -> p.skipChildren();
            }
        });
        return new IpsecStatus(state[0], at[0], lastFailure[0], failReason[0], at[1]);
    }

    private static List<CounterDelta> readDeltas(JsonParser p, JsonToken t) throws IOException {
        return readList(p, t, PeerStateReader::readDelta);
    }

    private static CounterDelta readDelta(JsonParser p, JsonToken first) throws IOException {
        Instant[] at = {null};
        long[] n = new long[10];
        members(p, first, (name, t) -> {
            int i = switch (name) {
                case "saCount" -> 0;
                case "encaps" -> 1;
                case "decaps" -> 2;
                case "replayDrops" -> 3;
                case "authFails" -> 4;
                case "decryptFails" -> 5;
                case "drops" -> 6;
                case "outDrops" -> 7;
                case "inOctets" -> 8;
                case "outOctets" -> 9;
                default -> -1;
            };
            if (name.equals("at")) {
                at[0] = instant(p, t);
            } else if (i < 0) {
                p.skipChildren();
            } else {
                n[i] = p.getValueAsLong();
            }
        });
        return new CounterDelta(at[0], (int) n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9]);
    }

    private static PeerState.TunnelInterface readTunnel(JsonParser p, JsonToken first) throws IOException {
        if (first == JsonToken.VALUE_NULL) {
            return null;
        }
        String[] name = {null};
        boolean[] up = {false};
        Instant[] since = {null};
        members(p, first, (member, t) -> {
            switch (member) {
                case "name" -> name[0] = text(p, t);
                case "up" -> up[0] = p.getValueAsBoolean();
                case "since" -> since[0] = instant(p, t);
                default -> p.skipChildren();
            }
        });
        return new PeerState.TunnelInterface(name[0], up[0], since[0]);
    }

    private static RoutingAdjacency readAdjacency(JsonParser p, JsonToken first) throws IOException {
        Instant[] since = {null};
        boolean[] up = {false};
        String[] s = new String[4];
        members(p, first, (name, t) -> {
            switch (name) {
                case "protocol" -> s[0] = text(p, t);
                case "neighbor" -> s[1] = text(p, t);
                case "iface" -> s[2] = text(p, t);
                case "up" -> up[0] = p.getValueAsBoolean();
                case "since" -> since[0] = instant(p, t);
                case "reason" -> s[3] = text(p, t);
                default -> p.skipChildren();
            }
        });
        return new RoutingAdjacency(s[0], s[1], s[2], up[0], since[0], s[3]);
    }

    private static UpDown readUpDown(JsonParser p, JsonToken first) throws IOException {
        Instant[] at = {null};
        boolean[] up = {false};
        members(p, first, (name, t) -> {
            switch (name) {
                case "at" -> at[0] = instant(p, t);
                case "up" -> up[0] = p.getValueAsBoolean();
                default -> p.skipChildren();
            }
        });
        return new UpDown(at[0], up[0]);
    }

    private static Evidence readEvidence(JsonParser p, JsonToken first) throws IOException {
        Instant[] at = {null};
        String[] s = new String[3];
        members(p, first, (name, t) -> {
            switch (name) {
                case "at" -> at[0] = instant(p, t);
                case "kind" -> s[0] = text(p, t);
                case "mnemonic" -> s[1] = text(p, t);
                case "text" -> s[2] = text(p, t);
                default -> p.skipChildren();
            }
        });
        return new Evidence(at[0], s[0], s[1], s[2]);
    }

    private static Milestone readMilestone(JsonParser p, JsonToken first) throws IOException {
        Instant[] at = {null};
        Milestone.Kind[] kind = {null};
        String[] s = new String[2];
        List<List<String>> evidence = new ArrayList<>(List.of(List.of()));
        members(p, first, (name, t) -> {
            switch (name) {
                case "at" -> at[0] = instant(p, t);
                case "kind" -> kind[0] = enumValue(Milestone.Kind.class, p, t);
                case "name" -> s[0] = text(p, t);
                case "detail" -> s[1] = text(p, t);
                case "evidence" -> evidence.set(0, readList(p, t, (q, e) -> text(q, e)));
                default -> p.skipChildren();
            }
        });
        return new Milestone(at[0], kind[0], s[0], s[1], evidence.get(0));
    }

    private static TunnelEnd readFarEnd(JsonParser p, JsonToken first) throws IOException {
        if (first == JsonToken.VALUE_NULL) {
            return null;
        }
        int[] v = {0};
        String[] s = new String[4];
        Instant[] at = new Instant[2];
        List<List<CounterDelta>> deltas = new ArrayList<>(List.of(List.of()));
        members(p, first, (name, t) -> {
            switch (name) {
                case "v" -> v[0] = p.getValueAsInt();
                case "device" -> s[0] = text(p, t);
                case "peer" -> s[1] = text(p, t);
                case "farDevice" -> s[2] = text(p, t);
                case "at" -> at[0] = instant(p, t);
                case "recentDeltas" -> deltas.set(0, readDeltas(p, t));
                case "lastRekeyAt" -> at[1] = instant(p, t);
                case "lastRekeyKind" -> s[3] = text(p, t);
                default -> p.skipChildren();
            }
        });
        return new TunnelEnd(v[0], s[0], s[1], s[2], at[0], deltas.get(0), at[1], s[3]);
    }

    private static OpenAlert readOpenAlert(JsonParser p, JsonToken first) throws IOException {
        if (first == JsonToken.VALUE_NULL) {
            return null;
        }
        String[] s = new String[2];
        AlertType[] type = {null};
        Instant[] at = new Instant[2];
        List<List<String>> related = new ArrayList<>(List.of(List.of()));
        members(p, first, (name, t) -> {
            switch (name) {
                case "id" -> s[0] = text(p, t);
                case "type" -> type[0] = enumValue(AlertType.class, p, t);
                case "openedAt" -> at[0] = instant(p, t);
                case "cause" -> s[1] = text(p, t);
                case "related" -> related.set(0, readList(p, t, (q, e) -> text(q, e)));
                case "clearingSince" -> at[1] = instant(p, t);
                default -> p.skipChildren();
            }
        });
        return new OpenAlert(s[0], type[0], at[0], s[1], related.get(0), at[1]);
    }

    /** Reads the members of the object starting at {@code first}, each through {@code member}. */
    private static void members(JsonParser p, JsonToken first, Member member) throws IOException {
        if (first != JsonToken.START_OBJECT) {
            throw new IOException("expected a JSON object, found " + first);
        }
        String name;
        while ((name = p.nextFieldName()) != null) {
            member.read(name, p.nextToken());
        }
    }

    /** An element reader: the parser is on the element's first token. */
    private interface Element<T> {
        T read(JsonParser p, JsonToken first) throws IOException;
    }

    /** A JSON array of elements, or null for a JSON null. */
    private static <T> List<T> readList(JsonParser p, JsonToken first, Element<T> element) throws IOException {
        if (first == JsonToken.VALUE_NULL) {
            return null;
        }
        if (first != JsonToken.START_ARRAY) {
            throw new IOException("expected a JSON array, found " + first);
        }
        List<T> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            items.add(element.read(p, t));
        }
        return items;
    }
}
