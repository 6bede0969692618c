package io.tunnelwatch.events;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IOS-XE message texts the simulator sends, each with its public source: the table
 * {@code io/tunnelwatch/events/ios-xe-messages.tsv}. The simulator renders only from here and the collector's tests
 * check that every row reads as the event kind it names, so both sides speak the same sourced texts.
 */
public final class IosXeMessages {

    /** Which IKE family logs a message: IKEv1 routers, IKEv2 routers, or both. */
    public enum Family {
        V1, V2, ANY;

        public boolean spokenBy(boolean ikev2) {
            return this == ANY || (this == V2) == ikev2;
        }
    }

    /** {@code normal}: logged at the routers' usual level; {@code debug}: only with {@code debug crypto}. */
    public enum Level { NORMAL, DEBUG }

    /** One row: {@code kind} is empty where tunnelwatch must read nothing from the text. */
    public record Template(String id, String mnemonic, Family family, Level level, Optional<EventKind> kind,
            String template, String confidence, String source) {

        private static final Pattern FIELD = Pattern.compile("\\{([a-z_]+)}");

        /** The names of the {@code {field}}s, in order of first appearance. */
        public List<String> fields() {
            return FIELD.matcher(template).results().map(r -> r.group(1)).distinct().toList();
        }

        /** The text with every field filled; a field without a value is an error, never left as a placeholder. */
        public String render(Map<String, ?> values) {
            Matcher m = FIELD.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Object value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalArgumentException(id + ": no value for {" + m.group(1) + "}");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
            }
            return m.appendTail(out).toString();
        }
    }

    private static final String RESOURCE = "ios-xe-messages.tsv";
    private static final Map<String, Template> TABLE = load();

    private IosXeMessages() {
    }

    public static List<Template> all() {
        return List.copyOf(TABLE.values());
    }

    public static Template get(String id) {
        Template t = TABLE.get(id);
        if (t == null) {
            throw new IllegalArgumentException("no message '" + id + "' in " + RESOURCE);
        }
        return t;
    }

    /** Renders row {@code id} from name/value pairs: {@code render("replay-error", "connection", 7, "sequence", 0)}. */
    public static String render(String id, Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return get(id).render(values);
    }

    private static Map<String, Template> load() {
        Map<String, Template> table = new LinkedHashMap<>();
        try (InputStream in = IosXeMessages.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length != 8) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": 8 columns expected, " + c.length
                            + " found");
                }
                Template t = new Template(c[0], c[1], Family.valueOf(c[2].toUpperCase(java.util.Locale.ROOT)),
                        Level.valueOf(c[3].toUpperCase(java.util.Locale.ROOT)),
                        "-".equals(c[4]) ? Optional.empty() : Optional.of(EventKind.valueOf(c[4])), c[5], c[6], c[7]);
                if (table.put(t.id(), t) != null) {
                    throw new IllegalStateException(RESOURCE + " line " + number + ": id " + t.id() + " twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return table;
    }
}
