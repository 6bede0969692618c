package io.tunnelwatch.benchmarks;

import io.tunnelwatch.mib.IfMib;
import io.tunnelwatch.mib.IpsecFlowMonitorMib;
import io.tunnelwatch.mib.TunnelMib;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.snmp4j.CommunityTarget;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TreeEvent;
import org.snmp4j.util.TreeUtils;

/**
 * An SNMPv2c agent that costs almost nothing per request, so a flat-out poll benchmark measures the poller and not
 * the agent: at start it walks the subtrees the poller reads from a real agent (e.g. the benchmark's snmpd), keeps
 * the bindings sorted and pre-encoded, and then answers GET, GETNEXT and GETBULK by copying those bytes behind a
 * freshly encoded message header. It serves the very values the real agent served, so both benchmarks see the same
 * router. Single-threaded, loopback only, v2c only, read-only; requests with another community get no answer.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.tunnelwatch.benchmarks.SnmpReplayAgent SOURCE_HOST:PORT
 * COMMUNITY LISTEN_PORT} — prints one line when it serves, then runs until killed.
 */
public final class SnmpReplayAgent implements AutoCloseable {

    /** What tunnelwatch's poller walks: cikeTunnelTable, cipSecTunnelTable, ifTable, ifXTable, tunnelIfTable. */
    static final List<OID> SUBTREES = Stream.of(IpsecFlowMonitorMib.CIKE_TUN_ENTRY,
            IpsecFlowMonitorMib.CIPSEC_TUN_ENTRY, IfMib.IF_ENTRY, IfMib.IFX_ENTRY, TunnelMib.TUNNEL_IF_ENTRY)
            .map(OID::new).toList();
    /** Room for the response header around the bindings; a response never exceeds one UDP datagram. */
    private static final int MAX_RESPONSE = 65_000;

    private final OID[] oids;
    private final byte[][] encoded;
    private final byte[] community;
    private final DatagramChannel channel;
    private final ByteBuffer in = ByteBuffer.allocateDirect(65_536);
    private final byte[] bindings = new byte[MAX_RESPONSE];
    private final ByteBuffer out = ByteBuffer.allocateDirect(MAX_RESPONSE + 64);
    /** Writes BER straight into {@link #out}. */
    private final java.io.OutputStream toOut = new java.io.OutputStream() {
        @Override
        public void write(int b) {
            out.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            out.put(b, off, len);
        }
    };

    SnmpReplayAgent(TreeMap<OID, VariableBinding> view, String community, int port) throws IOException {
        this.oids = view.keySet().toArray(OID[]::new);
        this.encoded = new byte[oids.length][];
        int i = 0;
        for (VariableBinding vb : view.values()) {
            var bytes = new ByteArrayOutputStream(vb.getBERLength());
            vb.encodeBER(bytes);
            encoded[i++] = bytes.toByteArray();
        }
        this.community = community.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        this.channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", port));
    }

    /** Walks {@link #SUBTREES} on the source agent (v2c) into one sorted view. */
    static TreeMap<OID, VariableBinding> record(String hostPort, String community) throws IOException {
        TreeMap<OID, VariableBinding> view = new TreeMap<>();
        try (Snmp snmp = new Snmp(new DefaultUdpTransportMapping())) {
            snmp.listen();
            var target = new CommunityTarget<>(new UdpAddress(hostPort.replace(':', '/')), new OctetString(community));
            target.setVersion(SnmpConstants.version2c);
            target.setTimeout(2000);
            target.setRetries(1);
            TreeUtils tree = new TreeUtils(snmp, new DefaultPDUFactory(PDU.GETBULK));
            for (OID subtree : SUBTREES) {
                for (TreeEvent event : tree.getSubtree(target, subtree)) {
                    if (event.isError()) {
                        throw new IOException("cannot walk " + subtree + " on " + hostPort + ": "
                                + event.getErrorMessage());
                    }
                    for (VariableBinding vb : event.getVariableBindings()) {
                        view.put(vb.getOid(), vb);
                    }
                }
            }
        }
        if (view.isEmpty()) {
            throw new IOException(hostPort + " served none of " + SUBTREES);
        }
        return view;
    }

    /** Answers requests until the channel is closed. */
    void serve() throws IOException {
        while (channel.isOpen()) {
            in.clear();
            SocketAddress from = channel.receive(in);
            in.flip();
            try {
                if (answer(in)) {
                    channel.send(out, from);
                }
            } catch (IOException | RuntimeException e) {
                // a malformed request: no answer, like a router
            }
        }
    }

    /** Decodes one request into {@link #out}; false when it gets no answer. */
    boolean answer(ByteBuffer request) throws IOException {
        var ber = new BERInputStream(request);
        var type = new BER.MutableByte();
        BER.decodeHeader(ber, type);
        int version = BER.decodeInteger(ber, type);
        byte[] offered = BER.decodeString(ber, type);
        if (version != SnmpConstants.version2c || !Arrays.equals(offered, community)) {
            return false;
        }
        PDU pdu = new PDU();
        pdu.decodeBER(ber);
        int length = switch (pdu.getType()) {
            case PDU.GET -> each(pdu, 0, false);
            case PDU.GETNEXT -> each(pdu, 0, true);
            case PDU.GETBULK -> bulk(pdu);
            default -> -1;
        };
        if (length < 0) {
            return false;
        }
        writeResponse(pdu.getRequestID().getValue(), length);
        return true;
    }

    private int each(PDU pdu, int at, boolean next) {
        for (VariableBinding vb : pdu.getVariableBindings()) {
            int i = Arrays.binarySearch(oids, vb.getOid());
            at = next ? put(at, vb.getOid(), i < 0 ? -i - 1 : i + 1) : putExact(at, vb.getOid(), i);
        }
        // a GET or GETNEXT whose answer would not fit one datagram gets none (tooBig is not worth a benchmark)
        return at;
    }

    /** GETBULK: non-repeaters once, then up to max-repetitions rounds of the repeaters, within one datagram. */
    private int bulk(PDU pdu) {
        List<? extends VariableBinding> asked = pdu.getVariableBindings();
        int nonRepeaters = Math.min(Math.max(pdu.getNonRepeaters(), 0), asked.size());
        int at = 0;
        for (int j = 0; j < nonRepeaters; j++) {
            OID oid = asked.get(j).getOid();
            int i = Arrays.binarySearch(oids, oid);
            at = put(at, oid, i < 0 ? -i - 1 : i + 1);
        }
        int repeaters = asked.size() - nonRepeaters;
        int[] cursor = new int[repeaters];
        OID[] lastName = new OID[repeaters];
        for (int j = 0; j < repeaters; j++) {
            lastName[j] = asked.get(nonRepeaters + j).getOid();
            int i = Arrays.binarySearch(oids, lastName[j]);
            cursor[j] = i < 0 ? -i - 1 : i + 1;
        }
        for (int r = 0; r < Math.max(pdu.getMaxRepetitions(), 0); r++) {
            int before = at;
            boolean anyLeft = false;
            for (int j = 0; j < repeaters; j++) {
                // past the end: endOfMibView on the repeater's last name, so every round keeps its columns in place
                int next = put(at, lastName[j], cursor[j]);
                if (next < 0) {
                    return before; // the datagram is full: whole rounds only
                }
                at = next;
                if (cursor[j] < oids.length) {
                    lastName[j] = oids[cursor[j]++];
                    anyLeft = true;
                }
            }
            if (!anyLeft) {
                break;
            }
        }
        return at;
    }

    /** Appends binding {@code index}, or {@code oid} with endOfMibView past the end; -1 when it does not fit. */
    private int put(int at, OID oid, int index) {
        if (at < 0) {
            return -1;
        }
        if (index < oids.length) {
            byte[] vb = encoded[index];
            if (at + vb.length > MAX_RESPONSE) {
                return -1;
            }
            System.arraycopy(vb, 0, bindings, at, vb.length);
            return at + vb.length;
        }
        return exception(at, oid, Null.endOfMibView);
    }

    private int putExact(int at, OID oid, int index) {
        return index >= 0 ? put(at, oid, index) : exception(at, oid, Null.noSuchInstance);
    }

    private int exception(int at, OID oid, Null exception) {
        if (at < 0) {
            return -1;
        }
        var vb = new VariableBinding(oid, exception);
        var bytes = new ByteArrayOutputStream();
        try {
            vb.encodeBER(bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] b = bytes.toByteArray();
        if (at + b.length > MAX_RESPONSE) {
            return -1;
        }
        System.arraycopy(b, 0, bindings, at, b.length);
        return at + b.length;
    }

    /** message SEQUENCE { version, community, GetResponse-PDU { request-id, 0, 0, SEQUENCE { bindings } } }. */
    private void writeResponse(int requestId, int bindingsLength) throws IOException {
        int pduLength = lengthOfInteger(requestId) + 3 + 3 + headerLength(bindingsLength) + bindingsLength;
        int messageLength = 3 + 2 + community.length + headerLength(pduLength) + pduLength;
        out.clear();
        var os = toOut;
        BER.encodeHeader(os, BER.SEQUENCE, messageLength);
        BER.encodeInteger(os, BER.INTEGER, SnmpConstants.version2c);
        BER.encodeString(os, BER.OCTETSTRING, community);
        BER.encodeHeader(os, PDU.RESPONSE, pduLength);
        BER.encodeInteger(os, BER.INTEGER, requestId);
        BER.encodeInteger(os, BER.INTEGER, 0);
        BER.encodeInteger(os, BER.INTEGER, 0);
        BER.encodeHeader(os, BER.SEQUENCE, bindingsLength);
        out.put(bindings, 0, bindingsLength);
        out.flip();
    }

    private static int headerLength(int contentLength) {
        return 1 + BER.getBERLengthOfLength(contentLength);
    }

    /** Octets of a BER INTEGER: tag, length, and the shortest two's complement content (1 to 4 octets). */
    private static int lengthOfInteger(int value) {
        int content = 1;
        while (content < 4 && (value >> (8 * content - 1)) != 0 && (value >> (8 * content - 1)) != -1) {
            content++;
        }
        return 2 + content;
    }

    int bindingCount() {
        return oids.length;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: SnmpReplayAgent SOURCE_HOST:PORT COMMUNITY LISTEN_PORT");
            System.exit(2);
        }
        var view = record(args[0], args[1]);
        try (var agent = new SnmpReplayAgent(view, args[1], Integer.parseInt(args[2]))) {
            System.out.printf("snmp-replay-agent serving %d bindings recorded from %s on 127.0.0.1:%s%n",
                    agent.bindingCount(), args[0], args[2]);
            agent.serve();
        }
    }
}
