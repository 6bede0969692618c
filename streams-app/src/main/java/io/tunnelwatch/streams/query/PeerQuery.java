package io.tunnelwatch.streams.query;

import io.tunnelwatch.events.PeerKey;
import io.tunnelwatch.events.Topics;
import io.tunnelwatch.streams.device.DeviceStatus;
import io.tunnelwatch.streams.peer.PeerState;
import io.tunnelwatch.streams.topology.TunnelwatchTopology;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive query of one peer (DESIGN.md "GET /peers/{device}/{peer}"): read from this instance's
 * {@code peer-state} store when it owns the key, else the {@code application.server} of the instance that does, so
 * the HTTP layer can redirect. No HTTP types here.
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
            ReadOnlyKeyValueStore<PeerKey, PeerState> store = streams.store(StoreQueryParameters.fromNameAndType(
                    TunnelwatchTopology.PEER_STATE_STORE, QueryableStoreTypes.<PeerKey, PeerState>keyValueStore()));
            PeerState state = store.get(key);
            if (state == null) {
                return new NotFound();
            }
            return new Found(PeerView.of(state, deviceStatus(key.device())));
        } catch (InvalidStateStoreException e) {
            return new Unavailable("the peer-state store is not queryable now: " + e.getMessage());
        }
    }

    private DeviceStatus deviceStatus(String device) {
        try {
            ReadOnlyKeyValueStore<PeerKey, DeviceStatus> global = streams.store(StoreQueryParameters.fromNameAndType(
                    TunnelwatchTopology.DEVICE_STATUS_STORE, QueryableStoreTypes.<PeerKey, DeviceStatus>keyValueStore()));
            return global.get(PeerKey.deviceWide(device));
        } catch (InvalidStateStoreException e) {
            return null;
        }
    }
}
