package io.tunnelwatch.streams.detect;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.streams.peer.CounterDelta;
import io.tunnelwatch.streams.peer.IpsecState;
import io.tunnelwatch.streams.peer.PeerState;
import java.time.Instant;
import java.util.List;

/**
 * The signature of a missing NAT exemption (docs/runbook.md#nat-t-layer): a policy-based (crypto map) peer reached over
 * NAT-T,
 * SA up, and over the last {@code flatSamples} polls nothing was encrypted towards it while traffic plainly flows
 * (decaps rising, or the router logging clear text where IPsec was expected). Traffic NATed before encryption never
 * matches the crypto ACL. EncapsStalled and CleartextReceived step aside when it holds: this names their cause.
 */
final class NatExemptionPattern {

    private NatExemptionPattern() {
    }

    static boolean holds(PeerState s, DetectorSettings settings, Instant now) {
        if (!s.natT() || !isCryptoMap(s) || s.ipsec().state() != IpsecState.UP) {
            return false;
        }
        List<CounterDelta> d = s.recentDeltas();
        int n = settings.flatSamples();
        if (d.size() < n) {
            return false;
        }
        List<CounterDelta> last = d.subList(d.size() - n, d.size());
        if (!last.stream().allMatch(x -> x.saCount() > 0 && x.encaps() == 0)) {
            return false;
        }
        boolean inbound = last.stream().allMatch(x -> x.decaps() > 0);
        return inbound || EvidenceLines.latest(s, now, settings.messageWindow(), EventKind.CLEARTEXT_RECEIVED) != null;
    }

    /** A crypto ACL was named, or no tunnel interface was ever seen (an SVTI has no crypto ACL). */
    static boolean isCryptoMap(PeerState s) {
        return s.cryptoAcl() != null || s.tunnel() == null;
    }
}
