package io.tunnelwatch.simulator.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SNMP agents of a simulated fleet: one UDP socket per router on its own loopback address and a shared port,
 * all behind one SNMP4J {@link Snmp} whose {@link CommandResponder} answers GET, GETNEXT and GETBULK (SNMPv2c, and
 * v1 GET/GETNEXT) from the router's {@link OidMap} of the moment. A request with the wrong community gets no answer,
 * as on IOS (which counts it in snmpInBadCommunityNames). Nothing is writable: SET is refused with notWritable.
 */
public final class SnmpAgents implements CommandResponder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnmpAgents.class);
    /** Room left in a response for the message header and PDU fields around the bindings. */
    private static final int RESPONSE_OVERHEAD = 200;
    /** Bound on the bindings of one response, whatever the requester asks. */
    private static final int MAX_BINDINGS = 1000;

    private final Snmp snmp;
    private final Map<Address, Agent> agents = new ConcurrentHashMap<>();
    private final AtomicLong badCommunity = new AtomicLong();

    private record Agent(OctetString community, Supplier<OidMap> view) {
    }

    public SnmpAgents() {
        // only community-based models: the simulated agents speak v1/v2c, no USM engine is needed
        snmp = new Snmp(new MessageDispatcherImpl());
        snmp.getMessageDispatcher().addMessageProcessingModel(new MPv1());
        snmp.getMessageDispatcher().addMessageProcessingModel(new MPv2c());
        snmp.addCommandResponder(this);
    }

    /** Opens an agent on {@code address:port} answering with {@code view} to requests carrying {@code community}. */
    public void open(InetAddress address, int port, String community, Supplier<OidMap> view) {
        UdpAddress listen = new UdpAddress(address, port);
        try {
            DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping(listen);
            agents.put(listen, new Agent(new OctetString(community), view));
            snmp.addTransportMapping(transport);
            transport.listen();
        } catch (IOException e) {
            agents.remove(listen);
            throw new UncheckedIOException("cannot open an SNMP agent on " + listen, e);
        }
    }

    /** Requests refused for a wrong community so far. */
    public long badCommunityRequests() {
        return badCommunity.get();
    }

    @Override
    public <A extends Address> void processPdu(CommandResponderEvent<A> event) {
        PDU request = event.getPDU();
        Agent agent = agents.get(event.getTransportMapping().getListenAddress());
        if (request == null || agent == null || request.getType() == PDU.RESPONSE
                || request.getType() == PDU.TRAP || request.getType() == PDU.REPORT) {
            return;
        }
        event.setProcessed(true);
        if (!agent.community().equals(new OctetString(event.getSecurityName()))) {
            badCommunity.incrementAndGet();
            return;
        }
        OidMap view = agent.view().get();
        if (view == null) {
            return; // a silent router
        }
        PDU response = answer(request, view, event.getMaxSizeResponsePDU());
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(),
                    event.getSecurityModel(), event.getSecurityName(), event.getSecurityLevel(), response,
                    event.getMaxSizeResponsePDU(), event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            LOG.debug("cannot answer {}: {}", event.getPeerAddress(), e.getMessage());
        }
    }

    /** The response to one request against one view. */
    static PDU answer(PDU request, OidMap view, int maxSize) {
        PDU response = new PDU();
        response.setType(PDU.RESPONSE);
        response.setRequestID(request.getRequestID());
        List<OID> oids = new ArrayList<>();
        request.getVariableBindings().forEach(vb -> oids.add(vb.getOid()));
        switch (request.getType()) {
            case PDU.GET -> oids.forEach(oid -> response.add(view.get(oid)));
            case PDU.GETNEXT -> oids.forEach(oid -> response.add(view.next(oid)));
            case PDU.GETBULK -> {
                int budget = Math.max(maxSize, 484) - RESPONSE_OVERHEAD;
                int used = 0;
                for (VariableBinding vb : view.bulk(oids, request.getNonRepeaters(), request.getMaxRepetitions(),
                        MAX_BINDINGS)) {
                    used += vb.getBERLength();
                    if (used > budget && response.size() > 0) {
                        break;
                    }
                    response.add(vb);
                }
            }
            default -> {
                request.getVariableBindings().forEach(response::add);
                response.setErrorStatus(SnmpConstants.SNMP_ERROR_NOT_WRITEABLE);
                response.setErrorIndex(1);
            }
        }
        return response;
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            LOG.debug("closing the SNMP agents: {}", e.getMessage());
        }
    }
}
