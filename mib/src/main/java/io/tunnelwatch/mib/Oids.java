package io.tunnelwatch.mib;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Builds dotted OIDs from the vocabulary's objects: a table's column under its entry, a column's instance for a row
 * index, a scalar's {@code .0} instance. OIDs stay plain strings here so that every module can use them, with or
 * without an SNMP library.
 */
public final class Oids {

    /** At least two arcs, each a decimal number without leading zeros; the first arc 0, 1 or 2 (X.660). */
    private static final Pattern WELL_FORMED = Pattern.compile("[0-2](\\.(0|[1-9][0-9]{0,9}))+");
    /** A sub-identifier is an unsigned 32-bit number (RFC 2578 §3.5). */
    private static final long MAX_ARC = 0xFFFF_FFFFL;

    private Oids() {
    }

    /** The column {@code n} of a table {@code entry} (SMIv2: the columnar objects are the entry's children). */
    public static String column(String entry, int n) {
        return child(entry, n);
    }

    /** The OID of {@code parent} followed by {@code arcs}. */
    public static String child(String parent, long... arcs) {
        StringBuilder oid = new StringBuilder(parent);
        for (long arc : arcs) {
            if (arc < 0 || arc > MAX_ARC) {
                throw new IllegalArgumentException("not a sub-identifier: " + arc);
            }
            oid.append('.').append(arc);
        }
        return oid.toString();
    }

    /** The instance of a column for a row index given as its dotted sub-identifiers ({@code "12"}, {@code "1.4.49"}). */
    public static String instance(String column, String index) {
        return column + "." + index;
    }

    /** The {@code .0} instance of a scalar object (RFC 3416 §2.2: the instance of a non-columnar object). */
    public static String scalar(String object) {
        return object + ".0";
    }

    /**
     * A DisplayString row index as its sub-identifiers: the length, then one sub-identifier per octet (RFC 2578 §7.7,
     * a variable-length string index that is not IMPLIED).
     */
    public static String stringIndex(String value) {
        StringBuilder index = new StringBuilder();
        byte[] octets = value.getBytes(StandardCharsets.US_ASCII);
        index.append(octets.length);
        for (byte b : octets) {
            index.append('.').append(b & 0xFF);
        }
        return index.toString();
    }

    /** Whether {@code oid} is a dotted OID: two or more decimal arcs, none above 2^32-1, no empty or padded arc. */
    public static boolean isWellFormed(String oid) {
        if (oid == null || !WELL_FORMED.matcher(oid).matches()) {
            return false;
        }
        for (String arc : oid.split("\\.")) {
            if (Long.parseLong(arc) > MAX_ARC) {
                return false;
            }
        }
        return true;
    }
}
