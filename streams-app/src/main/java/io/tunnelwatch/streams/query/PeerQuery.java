package io.tunnelwatch.streams.query;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.topic.Topics;
import io.tunnelwatch.streams.alert.RunbookTexts;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.topology.TunnelwatchTopology;
import io.tunnelwatch.streams.verdict.AlertType;
import io.tunnelwatch.streams.verdict.OpenAlert;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive query of one peer ({@code GET /peers/{device}/{peer}}): read from this instance's
 * {@code peer-state} store when it owns the key, else the {@code application.server} of the instance that does, so
 * the HTTP layer can redirect. Also lists the devices, or one device's peers, this instance holds, with the other
 * instances that hold the rest, so a client asking about a peer nobody knows can be told which ones exist. No HTTP
 * types here.
 */
public final class PeerQuery {

    /** What a query found. */
    public sealed interface Answer {
    }

    public record Found(PeerView view) implements Answer {
    }

    /** Another instance owns the key: its {@code host:port}. */
    public record Elsewhere(String hostPort) implements Answer {
    }

    public record NotFound() implements Answer {
    }

    /** No answer right now (starting, rebalancing): try again shortly. */
    public record Unavailable(String reason) implements Answer {
    }

    /**
     * The devices, or the peers of one device, this instance's stores know: the first {@link #MAX_NAMES} in name
     * order and how many there are; {@code otherInstances} ({@code host:port}) hold the rest of the keys.
     */
    public record Names(List<String> names, int count, List<String> otherInstances) implements Answer {
    }

    /**
     * The peers this instance holds, for the fleet page: how many devices and peers, and every open alert, with
     * {@code otherInstances} ({@code host:port}) holding the rest of the fleet. A silent device (DeviceSilent, every
     * instance knows them all) is listed on its pseudo-peer {@link PeerKey#ANY_PEER}.
     */
    public record Fleet(int devices, int peers, List<OpenAlertLine> openAlerts, List<String> otherInstances)
            implements Answer {
    }

    /** One open alert of the fleet: where, what, how bad, why and since when. */
    public record OpenAlertLine(String device, String peer, String alert, String severity, String layer, String cause,
                                Instant openedAt) {
    }

    /** The most names one listing carries; a fleet's devices fit, a typo's answer needs no more. */
    public static final int MAX_NAMES = 1000;

    /** Between device and peer in a key's bytes ({@link PeerKey#encoded()}); device names never hold it. */
    private static final String SEPARATOR = "|";

    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self this instance's {@code application.server}, or null when it has none */
    public PeerQuery(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    public Answer query(String device, String peer) {
        PeerKey key;
        try {
            key = new PeerKey(device, peer);
        } catch (IllegalArgumentException e) {
            return new NotFound();
        }
        if (self != null) {
            KeyQueryMetadata meta = streams.queryMetadataForKey(TunnelwatchTopology.PEER_STATE_STORE, key,
                    Topics.EVENTS.keySerde().serializer());
            if (meta == null || KeyQueryMetadata.NOT_AVAILABLE.equals(meta)) {
                return new Unavailable("the owner of " + key + " is not known yet (rebalancing)");
            }
            HostInfo owner = meta.activeHost();
            if (!owner.equals(self)) {
                return new Elsewhere(owner.host() + ":" + owner.port());
            }
        }
        try {
            PeerState state = peerStates().get(key);
            if (state == null) {
                return new NotFound();
            }
            return new Found(PeerView.of(state, deviceStatus(key.device())));
        } catch (InvalidStateStoreException e) {
            return new Unavailable("the peer-state store is not queryable now: " + e.getMessage());
        }
    }

    /** The devices of the peers this instance holds. */
    public Answer devices() {
        return names(null);
    }

    /** The peers of {@code device} this instance holds. */
    public Answer peers(String device) {
        return names(device);
    }

    private Answer names(String device) {
        SortedSet<String> names = new TreeSet<>();
        try (KeyValueIterator<PeerKey, PeerState> keys = device == null ? peerStates().all()
                : peerStates().prefixScan(device + SEPARATOR, new StringSerializer())) {
            keys.forEachRemaining(entry -> {
                PeerKey key = entry.key;
                if (device == null) {
                    names.add(key.device());
                } else if (key.device().equals(device) && !key.isDeviceWide()) {
                    names.add(key.peer());
                }
            });
        } catch (InvalidStateStoreException e) {
            return new Unavailable("the peer-state store is not queryable now: " + e.getMessage());
        }
        List<String> first = names.stream().limit(MAX_NAMES).toList();
        return new Names(first, names.size(), otherInstances());
    }

    /** Reads every peer this instance holds: a page a person opens, not a probe. */
    public Answer fleet() {
        Set<String> devices = new HashSet<>();
        int peers = 0;
        List<OpenAlertLine> open = new ArrayList<>();
        try (KeyValueIterator<PeerKey, PeerState> all = peerStates().all()) {
            while (all.hasNext()) {
                var entry = all.next();
                devices.add(entry.key.device());
                if (entry.key.isDeviceWide()) {
                    continue;
                }
                peers++;
                OpenAlert alert = entry.value.openAlert();
                if (alert != null) {
                    open.add(new OpenAlertLine(entry.key.device(), entry.key.peer(), alert.type().alertName(),
                            alert.type().severity().label(), alert.type().layer().name(), alert.cause(),
                            alert.openedAt()));
                }
            }
        } catch (InvalidStateStoreException e) {
            return new Unavailable("the peer-state store is not queryable now: " + e.getMessage());
        }
        open.addAll(silentDevices());
        return new Fleet(devices.size(), peers, open, otherInstances());
    }

    private List<OpenAlertLine> silentDevices() {
        List<OpenAlertLine> silent = new ArrayList<>();
        try (KeyValueIterator<PeerKey, DeviceStatus> all = deviceStatuses().all()) {
            all.forEachRemaining(entry -> {
                DeviceStatus status = entry.value;
                if (status != null && status.silent()) {
                    AlertType type = AlertType.DEVICE_SILENT;
                    silent.add(new OpenAlertLine(status.device(), entry.key.peer(), type.alertName(),
                            type.severity().label(), type.layer().name(),
                            RunbookTexts.summary(type) + "; last heard " + status.silentSince(),
                            status.silentSince()));
                }
            });
        } catch (InvalidStateStoreException e) {
            return List.of();
        }
        return silent;
    }

    private List<String> otherInstances() {
        if (self == null) {
            return List.of();
        }
        return streams.streamsMetadataForStore(TunnelwatchTopology.PEER_STATE_STORE).stream()
                .map(StreamsMetadata::hostInfo).filter(host -> !host.equals(self))
                .map(host -> host.host() + ":" + host.port()).sorted().toList();
    }

    private ReadOnlyKeyValueStore<PeerKey, PeerState> peerStates() {
        return streams.store(StoreQueryParameters.fromNameAndType(TunnelwatchTopology.PEER_STATE_STORE,
                QueryableStoreTypes.<PeerKey, PeerState>keyValueStore()));
    }

    private DeviceStatus deviceStatus(String device) {
        try {
            return deviceStatuses().get(PeerKey.deviceWide(device));
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }

    private ReadOnlyKeyValueStore<PeerKey, DeviceStatus> deviceStatuses() {
        return streams.store(StoreQueryParameters.fromNameAndType(TunnelwatchTopology.DEVICE_STATUS_STORE,
                QueryableStoreTypes.<PeerKey, DeviceStatus>keyValueStore()));
    }
}
