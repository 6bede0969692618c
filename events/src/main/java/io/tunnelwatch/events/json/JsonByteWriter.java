package io.tunnelwatch.events.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON object writer into a reusable byte array: string, number, boolean and null members, nested objects
 * and arrays of objects or strings. It exists for the records written per syslog line ({@link TunnelEventSerde}),
 * per poll ({@link CounterSampleSerde}) and per peer state change (the streams app's {@code PeerStateSerde}); measured there
 * against Jackson's {@code JsonGenerator} (docs/performance.md), most of whose cost per event was setting up a
 * generator and copying each string through a char buffer. Escapes as Jackson does by default: quote, backslash,
 * and control characters (the short forms for newline, tab and the like, else a six-character unicode escape);
 * everything else is written as UTF-8, except surrogates, each escaped on its own as Jackson does. Not thread-safe.
 */
public final class JsonByteWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);

    /**
     * A member name kept as its JSON bytes ({@code "name":}), for writers that write the same names in every record:
     * copying them is far cheaper than escaping them again each time
     * (docs/performance.md#why-the-hot-path-looks-as-it-does).
     */
    public static final class Name {
        private final String text;
        private final byte[] json;

        private Name(String text, byte[] json) {
            this.text = text;
            this.json = json;
        }

        public static Name of(String text) {
            JsonByteWriter w = new JsonByteWriter();
            w.quoted(text);
            w.put(':');
            return new Name(text, w.toByteArray());
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * A whole member kept as its JSON bytes ({@code "name":"value"}), for the few values a record field can take
     * (an enum's constants): written with one copy, no scan, no lookup.
     */
    public static final class Member {
        private final byte[] json;

        private Member(byte[] json) {
            this.json = json;
        }

        public static Member of(String name, String value) {
            JsonByteWriter w = new JsonByteWriter();
            w.quoted(name);
            w.put(':');
            w.quoted(value);
            return new Member(w.toByteArray());
        }
    }

    /** 1 for a Latin-1 char that is not written as itself: control chars, quote, backslash, non-ASCII. */
    private static final byte[] SPECIAL = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            SPECIAL[c] = (byte) (c < 0x20 || c == '"' || c == '\\' || c >= 0x80 ? 1 : 0);
        }
    }

    /** {@link #SPECIAL}, and {@code ?}: what {@code getBytes(ISO_8859_1)} writes for a char it cannot map. */
    private static final byte[] SPECIAL_OR_QUESTION = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            SPECIAL_OR_QUESTION[c] = (byte) (SPECIAL[c] | (c == '?' ? 1 : 0));
        }
    }

    /** Strings at least this long are copied whole when they can be ({@link #bulkAscii}). */
    private static final int BULK_MIN = 24;

    /** Slots of the recurring-string memory ({@link #recurringString}, {@link #recurringNameString}); a power of 2. */
    private static final int RECURRING_SLOTS = 64;

    private byte[] buf = new byte[1024];
    private int pos;
    private boolean first;
    /**
     * The JSON bytes of strings written recently, by instance: an event's enum names, device, mnemonic, transport
     * and field names are the same few string objects in record after record, so their bytes are copied instead of
     * scanned and escaped again (docs/performance.md#why-the-hot-path-looks-as-it-does). Keyed by identity, so an equal but other instance only misses; never a wrong answer.
     */
    private final String[] recurringText = new String[RECURRING_SLOTS];
    private final byte[][] recurringJson = new byte[RECURRING_SLOTS][];
    private final String[] recurringNameText = new String[RECURRING_SLOTS];
    private final byte[][] recurringNameJson = new byte[RECURRING_SLOTS][];

    public JsonByteWriter startObject() {
        pos = 0;
        put('{');
        first = true;
        return this;
    }

    public JsonByteWriter startObject(String name) {
        name(name);
        put('{');
        first = true;
        return this;
    }

    public JsonByteWriter endObject() {
        put('}');
        first = false;
        return this;
    }

    public JsonByteWriter startObject(Name name) {
        name(name);
        put('{');
        first = true;
        return this;
    }

    public JsonByteWriter string(Name name, String value) {
        name(name);
        return stringValue(value);
    }

    public JsonByteWriter number(Name name, long value) {
        name(name);
        digits(value);
        return this;
    }

    /** A member {@code name: null}. */
    public JsonByteWriter nullMember(Name name) {
        name(name);
        nullValue();
        return this;
    }

    public JsonByteWriter string(String name, String value) {
        name(name);
        return stringValue(value);
    }

    public JsonByteWriter member(Member member) {
        if (!first) {
            put(',');
        }
        first = false;
        copy(member.json);
        return this;
    }

    /**
     * {@link #string(Name, String)} for a value that is likely the very instance written in a recent record (an
     * enum's name, an interned token, a per-connection string): its JSON bytes are then copied, not re-encoded.
     */
    public JsonByteWriter recurringString(Name name, String value) {
        name(name);
        if (value == null) {
            nullValue();
            return this;
        }
        recurring(recurringText, recurringJson, value, false);
        return this;
    }

    /** {@link #string(String, String)} for a member name that is likely the very instance of a recent record. */
    public JsonByteWriter recurringNameString(String name, String value) {
        if (!first) {
            put(',');
        }
        first = false;
        recurring(recurringNameText, recurringNameJson, name, true);
        return stringValue(value);
    }

    /** Copies the bytes remembered for this instance of {@code s}, else writes it (and a colon) and remembers them. */
    private void recurring(String[] texts, byte[][] jsons, String s, boolean colon) {
        int slot = System.identityHashCode(s) & (RECURRING_SLOTS - 1);
        if (texts[slot] == s) {
            copy(jsons[slot]);
            return;
        }
        int start = pos;
        quoted(s);
        if (colon) {
            put(':');
        }
        texts[slot] = s;
        jsons[slot] = Arrays.copyOfRange(buf, start, pos);
    }

    private void copy(byte[] json) {
        ensure(json.length);
        System.arraycopy(json, 0, buf, pos, json.length);
        pos += json.length;
    }

    private JsonByteWriter stringValue(String value) {
        if (value == null) {
            nullValue();
        } else {
            quoted(value);
        }
        return this;
    }

    public JsonByteWriter number(String name, long value) {
        name(name);
        digits(value);
        return this;
    }

    private void digits(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
            return;
        }
        if (value < 0) {
            put('-');
            value = -value;
        }
        ensure(20);
        int start = pos;
        do {
            buf[pos++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value != 0);
        reverse(start, pos - 1);
    }

    public JsonByteWriter bool(String name, boolean value) {
        name(name);
        ascii(value ? "true" : "false");
        return this;
    }

    /** A member {@code name: null}. */
    public JsonByteWriter nullMember(String name) {
        name(name);
        nullValue();
        return this;
    }

    public JsonByteWriter startArray(String name) {
        name(name);
        put('[');
        first = true;
        return this;
    }

    public JsonByteWriter endArray() {
        put(']');
        first = false;
        return this;
    }

    /** An object as the next element of the array being written. */
    public JsonByteWriter startElement() {
        if (!first) {
            put(',');
        }
        put('{');
        first = true;
        return this;
    }

    /** A string (or null) as the next element of the array being written. */
    public JsonByteWriter stringElement(String value) {
        if (!first) {
            put(',');
        }
        first = false;
        return stringValue(value);
    }

    /** A member whose value the caller writes next as raw ASCII (already valid JSON, e.g. a quoted timestamp). */
    JsonByteWriter rawAscii(Name name, char[] chars, int length) {
        name(name);
        return rawAscii(chars, length);
    }

    private JsonByteWriter rawAscii(char[] chars, int length) {
        ensure(length + 2);
        buf[pos++] = '"';
        for (int i = 0; i < length; i++) {
            buf[pos++] = (byte) chars[i];
        }
        buf[pos++] = '"';
        return this;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, pos);
    }

    private void name(Name name) {
        byte[] json = name.json;
        ensure(json.length + 1);
        if (!first) {
            buf[pos++] = ',';
        }
        first = false;
        System.arraycopy(json, 0, buf, pos, json.length);
        pos += json.length;
    }

    private void name(String name) {
        if (!first) {
            put(',');
        }
        first = false;
        quoted(name);
        put(':');
    }

    private void nullValue() {
        ascii("null");
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void quoted(String s) {
        int n = s.length();
        // Worst case per char: a 6-byte escape.
        ensure(6 * n + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        if (n >= BULK_MIN && bulkAscii(s, n, b, p)) {
            p += n;
            b[p++] = '"';
            pos = p;
            return;
        }
        // Nearly every string is printable ASCII with nothing to escape: copy it without a branch per char, noting
        // whether any char needed more; only then write it again the careful way (measured: a third faster).
        int special = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            b[p + i] = (byte) c;
            special |= SPECIAL[c & 0xff] | (c >>> 8);
        }
        if (special == 0) {
            p += n;
            b[p++] = '"';
            pos = p;
            return;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                b[p++] = (byte) c;
            } else if (c < 0x80) {
                p = escape(b, p, c);
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // Jackson's default: each half of a pair as its own escape, which any JSON reader joins again.
                p = unicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        b[p++] = '"';
        pos = p;
    }

    /**
     * Copies a longer string (a message text) whole when it is printable ASCII with nothing to escape; false, having
     * written nothing that counts, otherwise. {@code getBytes(ISO_8859_1)} is a plain array copy for a string the JVM
     * stores as Latin-1, and writes {@code ?} for any char it cannot map, so a copy free of controls, quotes,
     * backslashes, non-ASCII bytes and {@code ?} was ASCII in the string too (a real {@code ?} just takes the careful
     * path). The per-char loop cost about 2 ns a char: the text was most of an event's JSON.
     */
    private static boolean bulkAscii(String s, int n, byte[] b, int p) {
        byte[] latin1 = s.getBytes(StandardCharsets.ISO_8859_1);
        int special = 0;
        for (byte x : latin1) {
            special |= SPECIAL_OR_QUESTION[x & 0xff];
        }
        if (special != 0) {
            return false;
        }
        System.arraycopy(latin1, 0, b, p, n);
        return true;
    }

    private static int escape(byte[] b, int p, char c) {
        b[p++] = '\\';
        switch (c) {
            case '"' -> b[p++] = '"';
            case '\\' -> b[p++] = '\\';
            case '\n' -> b[p++] = 'n';
            case '\r' -> b[p++] = 'r';
            case '\t' -> b[p++] = 't';
            case '\b' -> b[p++] = 'b';
            case '\f' -> b[p++] = 'f';
            default -> {
                return unicodeEscape(b, p - 1, c);
            }
        }
        return p;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[c >> 12];
        b[p++] = HEX[(c >> 8) & 0xf];
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
        return p;
    }

    private void put(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte t = buf[from];
            buf[from++] = buf[to];
            buf[to--] = t;
        }
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
