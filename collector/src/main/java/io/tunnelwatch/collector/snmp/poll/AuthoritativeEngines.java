package io.tunnelwatch.collector.snmp.poll;

import io.tunnelwatch.collector.metrics.RateLimitedLog;
import io.tunnelwatch.collector.snmp.Snmp4jSecurity;
import io.tunnelwatch.collector.snmp.SnmpDevice;
import io.tunnelwatch.collector.snmp.SnmpPollException;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.UserTarget;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;

/**
 * The authoritative snmpEngineID of each SNMPv3 device, with the device's USM user localized to it (RFC 3414 §2.6:
 * the keys are derived from the passphrases and that engine ID), so one user name may carry different passphrases
 * on different agents. The engine ID is the inventory's when configured, else discovered (RFC 3414 §4) once per
 * device, asynchronously: a device's walks wait on its discovery, no thread does, so a silent agent holds up
 * nothing but its own poll. Localizing (two 1 MB hashes) runs on a small executor of its own, never on the thread
 * that delivers other devices' answers; at most one lookup per device is pending (the poller never runs two polls
 * of a device), so its queue is bounded by the inventory.
 *
 * <p>A discovered engine ID is looked up again on the next poll when the agent reports usmStatsUnknownEngineIDs or
 * usmStatsNotInTimeWindows (SNMP4J's own resend did not help), or stops answering after it had answered: a router
 * replaced or reloaded with a new engine ID. (A new agent's unknown-engine report names a user SNMP4J holds for no
 * such engine, so SNMP4J drops it and the poll times out.) A configured engine ID is the operator's word and is
 * kept. Two devices answering with the same engine ID must not give one user name different passphrases: USM keys
 * a user by engine ID and name.
 */
final class AuthoritativeEngines implements AutoCloseable {

    /** The bounded reason a poll fails with when the agent does not tell its engine ID. */
    static final String DISCOVERY_FAILED = "engine_discovery_failed";
    private static final int LOCALIZER_THREADS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(AuthoritativeEngines.class);

    private final Snmp snmp;
    private final MPv3 mpv3;
    private final USM usm;
    private final ExecutorService localizer = Executors.newFixedThreadPool(LOCALIZER_THREADS, r -> {
        Thread t = new Thread(r, "tunnelwatch-snmp-usm-localizer");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Engine> engines = new ConcurrentHashMap<>();
    private final RateLimitedLog rateLimitedLog = new RateLimitedLog(LOG, Duration.ofSeconds(10));

    AuthoritativeEngines(Snmp snmp, USM usm) {
        this.snmp = snmp;
        this.mpv3 = (MPv3) snmp.getMessageProcessingModel(MPv3.ID);
        this.usm = usm;
    }

    /**
     * The engine to address {@code device} with, its user localized to it; completes at once when known, and
     * fails with {@link SnmpPollException} ({@value #DISCOVERY_FAILED}) when the agent does not answer discovery.
     */
    Engine engineOf(SnmpDevice device, SnmpDevice.V3 v3, UdpAddress address) {
        return engines.compute(device.name(), (name, known) ->
                known != null && known.usable() && known.serves(v3, address) ? known : start(device, v3, address,
                        known));
    }

    private Engine start(SnmpDevice device, SnmpDevice.V3 v3, UdpAddress address, Engine previous) {
        OctetString configured = Snmp4jSecurity.engineId(v3);
        OctetString before = previous == null ? null
                : known(previous.id) != null ? known(previous.id) : previous.lastKnown;
        CompletableFuture<OctetString> id;
        try {
            id = (configured != null ? CompletableFuture.completedFuture(configured) : discover(device, address))
                    .thenApplyAsync(engineId -> localize(device, v3, engineId, previous, before), localizer);
        } catch (IOException e) {
            id = CompletableFuture.failedFuture(new SnmpPollException("error", "engine discovery not sent: " + e));
        }
        return new Engine(v3, address, configured != null, id, before);
    }

    /**
     * RFC 3414 §4 discovery as SNMP4J's {@code Snmp.discoverAuthoritativeEngineID} does it (an empty
     * noAuthNoPriv GET, answered by a report that carries the engine ID), but without blocking a thread: the
     * engine ID is read from SNMP4J's cache once the probe is answered or timed out.
     */
    private CompletableFuture<OctetString> discover(SnmpDevice device, UdpAddress address) throws IOException {
        OctetString gone = mpv3.removeEngineID(address);
        if (gone != null) {
            usm.removeEngineTime(gone);
        }
        var probe = new UserTarget<UdpAddress>();
        probe.setAddress(address);
        probe.setSecurityLevel(SecurityLevel.NOAUTH_NOPRIV);
        probe.setTimeout(device.schedule().timeout().toMillis());
        probe.setRetries(device.schedule().retries());
        var pdu = new ScopedPDU();
        pdu.setType(PDU.GET);
        CompletableFuture<OctetString> found = new CompletableFuture<>();
        snmp.send(pdu, probe, null, new ResponseListener() {
            @Override
            public <A extends Address> void onResponse(ResponseEvent<A> event) {
                snmp.cancel(event.getRequest(), this);
                OctetString id = mpv3.getEngineID(address);
                if (id != null && id.length() > 0) {
                    found.complete(new OctetString(id.getValue()));
                } else {
                    found.completeExceptionally(new SnmpPollException(DISCOVERY_FAILED, "no snmpEngineID from "
                            + address + " after " + (probe.getRetries() + 1) + " discovery requests of "
                            + probe.getTimeout() + " ms"));
                }
            }
        });
        return found;
    }

    /** Adds the device's user localized to its engine (two 1 MB hashes: off the thread that delivers answers). */
    private OctetString localize(SnmpDevice device, SnmpDevice.V3 v3, OctetString engineId, Engine previous,
                                 OctetString before) {
        usm.addUser(new OctetString(v3.user()), engineId, Snmp4jSecurity.usmUser(v3));
        if (before != null && !before.equals(engineId)) {
            rateLimitedLog.warn("engine_changed", "SNMPv3 engine ID of {} changed from {} to {}",
                    device.name(), before.toHexString(), engineId.toHexString());
            forgetUnlessShared(previous, before);
        }
        return engineId;
    }

    /** Drops the user localized to an engine the device no longer has, unless another device still uses it. */
    private void forgetUnlessShared(Engine previous, OctetString engineId) {
        OctetString user = new OctetString(previous.v3.user());
        boolean shared = engines.values().stream().anyMatch(e -> e != previous
                && e.v3.user().equals(previous.v3.user()) && engineId.equals(known(e.id)));
        if (!shared) {
            usm.removeAllUsers(user, engineId);
        }
    }

    private static OctetString known(CompletableFuture<OctetString> id) {
        return id.isDone() && !id.isCompletedExceptionally() ? id.join() : null;
    }

    /** What a walk with {@code engine} showed: an answer, or a failure that may mean the agent's engine changed. */
    void walked(Engine engine, Throwable failure, OID reportOid) {
        if (failure == null) {
            engine.answered = true;
            return;
        }
        boolean engineReport = SnmpConstants.usmStatsUnknownEngineIDs.equals(reportOid)
                || SnmpConstants.usmStatsNotInTimeWindows.equals(reportOid);
        boolean silentAfterAnswering = engine.answered && failure instanceof SnmpPollException e
                && "timeout".equals(e.reason());
        if (!engine.configured && (engineReport || silentAfterAnswering)) {
            engine.stale = true;
        }
    }

    @Override
    public void close() {
        localizer.shutdownNow();
    }

    /** One device's engine: its ID (once known) and whether the agent has answered requests addressed to it. */
    static final class Engine {
        private final SnmpDevice.V3 v3;
        private final UdpAddress address;
        private final boolean configured;
        private final CompletableFuture<OctetString> id;
        /** The engine ID the device had before this one was looked up, if ever known: its user is dropped. */
        private final OctetString lastKnown;
        private volatile boolean answered;
        private volatile boolean stale;

        private Engine(SnmpDevice.V3 v3, UdpAddress address, boolean configured, CompletableFuture<OctetString> id,
                       OctetString lastKnown) {
            this.v3 = v3;
            this.address = address;
            this.configured = configured;
            this.id = id;
            this.lastKnown = lastKnown;
        }

        /** Completes with the engine ID once the user is localized to it. */
        CompletableFuture<OctetString> id() {
            return id;
        }

        private boolean usable() {
            return !stale && !id.isCompletedExceptionally();
        }

        private boolean serves(SnmpDevice.V3 credentials, UdpAddress to) {
            return v3.equals(credentials) && address.equals(to);
        }
    }
}
