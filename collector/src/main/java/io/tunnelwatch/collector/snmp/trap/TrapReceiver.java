package io.tunnelwatch.collector.snmp.trap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tunnelwatch.collector.metrics.CollectorMeters;
import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.net.IpsAddress;
import io.tunnelwatch.collector.sink.EventSink;
import io.tunnelwatch.collector.sink.PublishOutcome;
import io.tunnelwatch.collector.snmp.Snmp4jSecurity;
import io.tunnelwatch.collector.snmp.SnmpClient;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.events.TunnelEvent;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.mib.Oids;
import io.tunnelwatch.mib.SnmpV2Mib;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.transport.TransportListener;

/**
 * Receives SNMP notifications on UDP (default port 1162): v1 and v2c traps, v2c informs (answered), v3 traps and
 * informs (USM). Only configured devices are heard: the source address must be a device's, and its v1/v2c community
 * or v3 user must be the device's. Everything else is counted by outcome and logged at a bounded rate.
 *
 * <p>SNMPv3 engine IDs: a trap is sent by the device as authoritative engine, so its keys are localized to the
 * device's snmpEngineID, which must be configured ({@link SnmpDevice.V3#engineId}); the user is added to this
 * receiver's USM under that engine ID. For an inform the receiver is authoritative: the sender discovers this
 * receiver's engine ID ({@link #engineId}), so the same user is also added without an engine ID.
 */
public final class TrapReceiver implements CommandResponder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrapReceiver.class);
    static final List<String> OUTCOMES = List.of("accepted", "ignored", "rejected_source", "rejected_community",
            "rejected_user", "rejected_auth", "malformed", "dropped");

    private final Map<InetAddress, SnmpDevice> devicesByAddress;
    private final TrapDecoder decoder;
    private final EventSink sink;
    private final Clock clock;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));
    private final OctetString engineId = new OctetString(MPv3.createLocalEngineID());
    private final Snmp snmp;
    private final DefaultUdpTransportMapping transport;
    /** Asks a device for the peer of a tunnel index its poll has not shown yet; null: no lookups. */
    private final SnmpClient lookups;

    public TrapReceiver(InetSocketAddress bind, List<SnmpDevice> devices, TrapDecoder decoder, EventSink sink,
                        Clock clock, MeterRegistry registry) {
        this(bind, devices, decoder, sink, null, clock, registry);
    }

    /**
     * @param lookups the poller's SNMP client: a cipSecTunnelStart/Stop (or other notification naming only a
     *                cipSecTunIndex) whose index the last poll did not see is resolved with one GET of
     *                cipSecTunRemoteAddr before it is published; null to publish it unresolved at once
     */
    public TrapReceiver(InetSocketAddress bind, List<SnmpDevice> devices, TrapDecoder decoder, EventSink sink,
                        SnmpClient lookups, Clock clock, MeterRegistry registry) {
        this.lookups = lookups;
        this.devicesByAddress = devices.stream()
                .collect(Collectors.toMap(SnmpDevice::address, Function.identity(), (a, b) -> a));
        this.decoder = decoder;
        this.sink = sink;
        this.clock = clock;
        this.registry = registry;
        registerMeters();
        try {
            transport = new DefaultUdpTransportMapping(new UdpAddress(bind.getAddress(), bind.getPort()));
            snmp = new Snmp(transport);
            // a counter support of our own: SNMP4J's default is a JVM-wide singleton the poller's stack shares
            CounterSupport refusals = new CounterSupport();
            refusals.addCounterListener(this::onRefusal);
            USM usm = new USM(Snmp4jSecurity.protocols(), engineId, 0, refusals);
            MPv3 mpv3 = (MPv3) snmp.getMessageProcessingModel(MPv3.ID);
            mpv3.setCounterSupport(refusals);
            mpv3.setSecurityModels(SecurityModels.getCollection(new org.snmp4j.security.SecurityModel[] {usm}));
            if (snmp.getMessageDispatcher() instanceof MessageDispatcherImpl dispatcher) {
                dispatcher.addCounterListener(this::onRefusal);
            }
            for (SnmpDevice device : devices) {
                if (device.credentials() instanceof SnmpDevice.V3 v3) {
                    OctetString deviceEngine = Snmp4jSecurity.engineId(v3);
                    if (deviceEngine != null) {
                        usm.addUser(new OctetString(v3.user()), deviceEngine, Snmp4jSecurity.usmUser(v3));
                    }
                    usm.addUser(Snmp4jSecurity.usmUser(v3));
                }
            }
            guardDecoding(snmp);
            snmp.addCommandResponder(this);
            snmp.listen();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the SNMP trap receiver to " + bind, e);
        }
    }

    /**
     * Counts {@code malformed} the datagrams SNMP4J would drop without a trace (an unchecked exception while it
     * decodes them, found by TrapDecoderFuzzTest; {@link CommunityMessage}). SNMP4J counts the other malformed ones
     * itself ({@link #onRefusal}).
     */
    private void guardDecoding(Snmp snmp) {
        TransportListener dispatcher = snmp.getMessageDispatcher();
        transport.removeTransportListener(dispatcher);
        transport.addTransportListener(new TransportListener() {
            @Override
            public <A extends org.snmp4j.smi.Address> void processMessage(
                    org.snmp4j.TransportMapping<? super A> source, A from, java.nio.ByteBuffer message,
                    org.snmp4j.TransportStateReference state) {
                if (CommunityMessage.isDroppedUncounted(message)) {
                    count(TrapDecoder.OTHER, "malformed");
                    rateLimitedLog.warn("malformed", "SNMP datagram refused before decoding: malformed");
                    return;
                }
                dispatcher.processMessage(source, from, message, state);
            }
        });
    }

    /** Where the receiver listens (the real port when 0 was asked). */
    public InetSocketAddress address() {
        UdpAddress a = transport.getListenAddress();
        return new InetSocketAddress(a.getInetAddress(), a.getPort());
    }

    /** This receiver's snmpEngineID: what v3 inform senders discover and localize their keys to. */
    public byte[] engineId() {
        return engineId.getValue();
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        PDU pdu = event.getPDU();
        if (pdu == null) {
            return;
        }
        event.setProcessed(true);
        String type = TrapDecoder.typeLabel(String.valueOf(TrapDecoder.trapOid(pdu)));
        InetAddress from = event.getPeerAddress() instanceof UdpAddress u ? u.getInetAddress() : null;
        SnmpDevice device = from == null ? null : devicesByAddress.get(from);
        String rejection = device == null ? "rejected_source" : authorization(device, event);
        if (rejection != null) {
            count(type, rejection);
            rateLimitedLog.warn(rejection, "SNMP notification {} from {} refused", type, from);
            return;
        }
        if (pdu.getType() == PDU.INFORM) {
            answer(event, pdu);
        }
        TunnelEvent tunnelEvent = decoder.decode(device.name(), from.getHostAddress(), pdu, clock.instant());
        if (tunnelEvent == null) {
            count(type, "ignored");
            return;
        }
        String unresolved = tunnelEvent.fields().get(TrapDecoder.UNRESOLVED_TUNNEL_INDEX);
        if (unresolved != null && lookups != null) {
            // asynchronous: the answer (or the timeout) arrives on the client's thread, never blocking this one
            lookups.get(device, Oids.instance(IpsecFlowMonitorMib.CIPSEC_TUN_REMOTE_ADDR, unresolved))
                    .handle((cell, failure) -> {
                        if (failure != null) {
                            rateLimitedLog.warn("lookup_failed", "Cannot resolve cipSecTunIndex {} of {}: {}",
                                    unresolved, device.name(), failure.getMessage());
                        }
                        String peer = cell instanceof byte[] bytes ? IpsAddress.canonical(bytes) : null;
                        return peer == null ? tunnelEvent : TrapDecoder.resolved(tunnelEvent, peer);
                    })
                    .thenAccept(found -> publish(type, found));
            return;
        }
        publish(type, tunnelEvent);
    }

    private void publish(String type, TunnelEvent event) {
        PublishOutcome outcome = sink.offer(event);
        count(type, outcome == PublishOutcome.QUEUED ? "accepted" : "dropped");
    }

    /**
     * Counts what SNMP4J refuses before a PDU exists (type {@code other}): undecodable datagrams (snmpInASNParseErrs,
     * snmpInvalidMsgs, snmpInBadVersions), unknown USM users (usmStatsUnknownUserNames) and wrong keys
     * (usmStatsWrongDigests, usmStatsDecryptionErrors, usmStatsUnsupportedSecLevels). Engine discovery and time
     * synchronisation reports (usmStatsUnknownEngineIDs, usmStatsNotInTimeWindows) are part of every v3 inform
     * exchange and are not refusals.
     */
    private void onRefusal(CounterEvent event) {
        String outcome = REFUSALS.get(event.getOid());
        if (outcome != null) {
            count(TrapDecoder.OTHER, outcome);
            rateLimitedLog.warn(outcome, "SNMP datagram refused before decoding: {}", outcome);
        }
    }

    private static final Map<OID, String> REFUSALS = Map.of(
            SnmpConstants.snmpInASNParseErrs, "malformed",
            SnmpConstants.snmpInvalidMsgs, "malformed",
            SnmpConstants.snmpInBadVersions, "malformed",
            SnmpConstants.usmStatsUnknownUserNames, "rejected_user",
            SnmpConstants.usmStatsWrongDigests, "rejected_auth",
            SnmpConstants.usmStatsDecryptionErrors, "rejected_auth",
            SnmpConstants.usmStatsUnsupportedSecLevels, "rejected_auth");

    /** Null when the device's community or v3 user matches, else the rejection outcome. */
    private static String authorization(SnmpDevice device, CommandResponderEvent<?> event) {
        byte[] securityName = event.getSecurityName();
        if (event.getMessageProcessingModel() == org.snmp4j.mp.MessageProcessingModel.MPv3) {
            return device.credentials() instanceof SnmpDevice.V3 v3
                    && Arrays.equals(securityName, v3.user().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    ? null : "rejected_user";
        }
        return device.credentials() instanceof SnmpDevice.V2c v2c
                && Arrays.equals(securityName, v2c.community().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                ? null : "rejected_community";
    }

    private <A extends org.snmp4j.smi.Address> void answer(CommandResponderEvent<A> event, PDU pdu) {
        PDU response = (PDU) pdu.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(SnmpConstants.SNMP_ERROR_SUCCESS);
        response.setErrorIndex(0);
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
        } catch (org.snmp4j.MessageException e) {
            rateLimitedLog.warn("inform_response", "Could not answer an inform: {}", e.getMessage());
        }
    }

    private void registerMeters() {
        for (IpsecNotification n : IpsecNotification.values()) {
            OUTCOMES.forEach(outcome -> counter(n.mibName, outcome));
        }
        for (SlaNotification n : SlaNotification.values()) {
            OUTCOMES.forEach(outcome -> counter(n.mibName, outcome));
        }
        for (String type : List.of(SnmpV2Mib.LINK_UP.name(), SnmpV2Mib.LINK_DOWN.name(), TrapDecoder.OTHER)) {
            OUTCOMES.forEach(outcome -> counter(type, outcome));
        }
    }

    private Counter counter(String type, String outcome) {
        return counters.computeIfAbsent(type + "|" + outcome, k -> Counter.builder(
                        CollectorMeters.SNMP_TRAPS.meterName()).description(CollectorMeters.SNMP_TRAPS.description())
                .tags("type", type, "outcome", outcome).register(registry));
    }

    private void count(String type, String outcome) {
        counter(type, outcome).increment();
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
