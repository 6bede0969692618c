package io.tunnelwatch.collector.catalog;

import io.tunnelwatch.events.EventKind;
import io.tunnelwatch.events.IkeVersion;
import io.tunnelwatch.events.Layer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One row of the message catalog (docs/cisco-sources.md#ike-and-ipsec-syslog-messages): the facility and mnemonics it
 * reads, the pattern of their
 * text, and how a match becomes an event. Rows are built once, at class load, by {@link CiscoMessages}.
 *
 * <p>The pattern is searched, not matched whole, so trailing text an image adds does no harm. Named groups become
 * fields: group {@code failReason} becomes field {@code fail_reason}. The group {@code peer} is special: it is read
 * as an address (optionally with a port) and becomes the event's peer; a token that is not an address makes the row
 * not apply, so the message falls through to the next row or to the generic event.
 */
public final class CatalogEntry {

    /** A named group of the pattern and the snake_case field it fills. */
    public record Field(String group, String name) {
    }

    private static final String PEER_GROUP = "(?<peer>";

    /** Leading literals shorter than this are not worth an indexOf. */
    private static final int MIN_LITERAL = 3;

    private final Set<String> facilities;
    private final Set<String> mnemonics;
    private final Pattern text;
    private final IkeVersion ikeVersion;
    private final Function<Matcher, EventKind> kind;
    private final Function<Matcher, Layer> layer;
    private final List<Field> fields;
    private final boolean peerGroup;
    private final boolean peerFromText;
    private final Map<String, String> constants;
    private final String leadingLiteral;

    private CatalogEntry(Set<String> facilities, Set<String> mnemonics, Pattern text, IkeVersion ikeVersion,
                         Function<Matcher, EventKind> kind, Function<Matcher, Layer> layer, List<Field> fields,
                         boolean peerFromText, Map<String, String> constants) {
        this.facilities = Set.copyOf(facilities);
        this.mnemonics = Set.copyOf(mnemonics);
        this.text = text;
        this.ikeVersion = ikeVersion;
        this.kind = kind;
        this.layer = layer;
        this.fields = List.copyOf(fields);
        this.peerGroup = text.pattern().contains(PEER_GROUP);
        this.peerFromText = peerFromText;
        this.constants = Map.copyOf(constants);
        this.leadingLiteral = leadingLiteral(text.pattern());
        for (Field f : this.fields) {
            // Fail at class load, not on the first matching line, when a row names a group its pattern lacks.
            if (!text.pattern().contains("(?<" + f.group() + ">")) {
                throw new IllegalArgumentException("no group " + f.group() + " in " + text.pattern());
            }
        }
    }

    /**
     * A row whose kind does not depend on the text. Patterns are compiled with DOTALL because the console wraps
     * long messages (docs/cisco-sources.md#ike-and-ipsec-syslog-messages, PKT_REPLAY_ERR) and a relay may keep the line
     * break.
     */
    static CatalogEntry of(String facility, String mnemonic, IkeVersion ikeVersion, EventKind kind, String regex) {
        return of(facility, mnemonic, ikeVersion, m -> kind, regex);
    }

    /** A row whose kind is read from the match, e.g. UP or DOWN. */
    static CatalogEntry of(String facility, String mnemonic, IkeVersion ikeVersion,
                           Function<Matcher, EventKind> kind, String regex) {
        return new CatalogEntry(Set.of(facility), Set.of(mnemonic), Pattern.compile(regex, Pattern.DOTALL),
                ikeVersion, kind, m -> null, List.of(), false, Map.of());
    }

    /** The same row, also read for these facilities (e.g. {@code OSPFv3} as IOS-XE spells it, and upper case). */
    CatalogEntry orFacilities(String... more) {
        Set<String> all = new java.util.HashSet<>(facilities);
        all.addAll(List.of(more));
        return new CatalogEntry(all, mnemonics, text, ikeVersion, kind, layer, fields, peerFromText, constants);
    }

    /** The same row, also read for these mnemonics of its facility. */
    CatalogEntry orMnemonics(String... more) {
        Set<String> all = new java.util.HashSet<>(mnemonics);
        all.addAll(List.of(more));
        return new CatalogEntry(facilities, all, text, ikeVersion, kind, layer, fields, peerFromText, constants);
    }

    /** The same row copying these camelCase groups into snake_case fields. */
    CatalogEntry fields(String... groups) {
        List<Field> all = new ArrayList<>(fields);
        for (String group : groups) {
            all.add(new Field(group, snake(group)));
        }
        return new CatalogEntry(facilities, mnemonics, text, ikeVersion, kind, layer, all, peerFromText, constants);
    }

    /** The same row also copying {@code group} into a field of another name (e.g. the peer token as srcaddr). */
    CatalogEntry fieldAs(String group, String name) {
        List<Field> all = new ArrayList<>(fields);
        all.add(new Field(group, name));
        return new CatalogEntry(facilities, mnemonics, text, ikeVersion, kind, layer, all, peerFromText, constants);
    }

    /** The same row reporting a fixed layer instead of the kind's default (docs/cisco-sources.md names the layer). */
    CatalogEntry layer(Layer fixed) {
        return layer(m -> fixed);
    }

    /** The same row reading its layer from the match; null from the function means the kind's default. */
    CatalogEntry layer(Function<Matcher, Layer> byMatch) {
        return new CatalogEntry(facilities, mnemonics, text, ikeVersion, kind, byMatch, fields, peerFromText,
                constants);
    }

    /**
     * The same row taking the peer from the text when its pattern has no {@code peer} group or the group did not
     * match: for messages whose wording is unknown ([U]) or that name the peer only sometimes.
     */
    CatalogEntry peerFromText() {
        return new CatalogEntry(facilities, mnemonics, text, ikeVersion, kind, layer, fields, true, constants);
    }

    /** The same row also setting field {@code name} to {@code value} on every match (e.g. the routing protocol). */
    CatalogEntry constant(String name, String value) {
        Map<String, String> all = new java.util.HashMap<>(constants);
        all.put(name, value);
        return new CatalogEntry(facilities, mnemonics, text, ikeVersion, kind, layer, fields, peerFromText, all);
    }

    /** Fields every match of this row carries whatever its text. */
    public Map<String, String> constants() {
        return constants;
    }

    public Set<String> facilities() {
        return facilities;
    }

    public Set<String> mnemonics() {
        return mnemonics;
    }

    public Pattern text() {
        return text;
    }

    public IkeVersion ikeVersion() {
        return ikeVersion;
    }

    public EventKind kind(Matcher m) {
        return kind.apply(m);
    }

    /** The layer this match speaks of; never null. */
    public Layer layer(Matcher m, EventKind kindOfMatch) {
        Layer l = layer.apply(m);
        return l == null ? kindOfMatch.defaultLayer() : l;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Whether the pattern has a {@code peer} group. */
    public boolean hasPeerGroup() {
        return peerGroup;
    }

    public boolean peerFromTextAllowed() {
        return peerFromText;
    }

    /**
     * The plain text every match of the pattern starts with (e.g. {@code Crypto} of {@code Crypto\s+tunnel...}), or
     * null when it has none worth looking for. A text without it cannot match, so the catalog skips the row without
     * running the pattern, and searches from where it first occurs.
     */
    public String leadingLiteral() {
        return leadingLiteral;
    }

    /**
     * The leading literal of a regex without flags and without an alternative at its top level: its first chars up
     * to the first metacharacter, less the last one when a quantifier follows (it may be optional).
     */
    static String leadingLiteral(String regex) {
        if (hasTopLevelAlternative(regex)) {
            return null;
        }
        int end = 0;
        while (end < regex.length() && "\\()[]{}.*+?|^$".indexOf(regex.charAt(end)) < 0) {
            end++;
        }
        if (end < regex.length() && "*+?{".indexOf(regex.charAt(end)) >= 0) {
            end--;
        }
        return end >= MIN_LITERAL ? regex.substring(0, end) : null;
    }

    /** Whether {@code |} occurs outside groups and character classes (escapes skipped). */
    private static boolean hasTopLevelAlternative(String regex) {
        int depth = 0;
        boolean inClass = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return facilities + " " + mnemonics + " /" + text.pattern() + "/";
    }

    /** {@code failClassCnt} -> {@code fail_class_cnt}: Java group names cannot hold an underscore. */
    static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                sb.append('_').append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
