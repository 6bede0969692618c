package io.tunnelwatch.simulator.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/**
 * One agent's view at one instant: a lexicographically sorted OID → value map with the GET, GETNEXT and GETBULK
 * semantics of RFC 3416 §4.2: GET answers noSuchObject/noSuchInstance, GETNEXT the first OID strictly after the one
 * asked (endOfMibView past the last), GETBULK {@code nonRepeaters} GETNEXTs then up to {@code maxRepetitions}
 * rounds over the rest.
 */
public final class OidMap {

    private final NavigableMap<OID, Variable> values;

    private OidMap(NavigableMap<OID, Variable> values) {
        this.values = values;
    }

    /** A map of the given values; {@link OID#compareTo} is the lexicographic order RFC 3416 walks in. */
    public static OidMap of(Map<OID, Variable> values) {
        return new OidMap(new TreeMap<>(values));
    }

    public int size() {
        return values.size();
    }

    /** GET of one OID. */
    public VariableBinding get(OID oid) {
        Variable v = values.get(oid);
        if (v != null) {
            return new VariableBinding(oid, v);
        }
        // an instance of a known column (or scalar) that is absent is noSuchInstance; anything else noSuchObject
        OID object = oid.size() > 1 ? new OID(oid.getValue(), 0, oid.size() - 1) : oid;
        OID after = values.higherKey(object);
        boolean objectKnown = after != null && after.startsWith(object);
        return new VariableBinding(oid, objectKnown ? Null.noSuchInstance : Null.noSuchObject);
    }

    /** GETNEXT of one OID: the first binding strictly after it, or endOfMibView. */
    public VariableBinding next(OID oid) {
        Map.Entry<OID, Variable> e = values.higherEntry(oid);
        return e == null ? new VariableBinding(oid, Null.endOfMibView) : new VariableBinding(e.getKey(), e.getValue());
    }

    /**
     * GETBULK: {@code nonRepeaters} of the requested OIDs get one GETNEXT each, the others {@code maxRepetitions}
     * successive GETNEXTs, interleaved round by round; at most {@code maxBindings} bindings in all.
     */
    public List<VariableBinding> bulk(List<OID> requested, int nonRepeaters, int maxRepetitions, int maxBindings) {
        int n = Math.min(Math.max(nonRepeaters, 0), requested.size());
        List<VariableBinding> out = new ArrayList<>();
        for (int i = 0; i < n && out.size() < maxBindings; i++) {
            out.add(next(requested.get(i)));
        }
        List<OID> cursors = new ArrayList<>(requested.subList(n, requested.size()));
        for (int round = 0; round < Math.max(maxRepetitions, 0) && !cursors.isEmpty(); round++) {
            boolean allEnded = true;
            for (int i = 0; i < cursors.size(); i++) {
                if (out.size() >= maxBindings) {
                    return out;
                }
                VariableBinding vb = next(cursors.get(i));
                out.add(vb);
                cursors.set(i, vb.getOid());
                allEnded &= vb.getVariable().isException();
            }
            if (allEnded) {
                break;
            }
        }
        return out;
    }
}
