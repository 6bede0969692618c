package io.tunnelwatch.collector.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read into maps, lists and scalars that remember their line and column, so validation can say
 * where a mistake is. Jackson's own tree ({@code JsonNode}) forgets locations, hence this small reader over its
 * streaming parser. Read by the inventory and by the launcher's configuration file; broken YAML or a repeated key
 * ends the read with an {@link YamlFileException} naming the file, the line and the column, with the line shown
 * ({@link SourceExcerpt}).
 */
public final class YamlTree {

    private static final YAMLFactory YAML = new YAMLFactory();
    /** Far above any inventory; a file this large is a mistake, not a fleet. */
    static final int MAX_CHARS = 64 * 1024 * 1024;

    /** Where (1-based) a node or a key starts. */
    public interface Located {
        int line();

        int column();
    }

    /** A map, a list or a scalar. */
    public sealed interface Node extends Located {
    }

    /** A scalar; {@code text} is null for YAML null ({@code ~} or nothing). */
    public record Scalar(String text, int line, int column) implements Node {
    }

    /** A key, where it starts, and its value. */
    public record Entry(String key, int line, int column, Node value) implements Located {
    }

    public record MapNode(Map<String, Entry> entries, int line, int column) implements Node {
    }

    public record ListNode(List<Node> items, int line, int column) implements Node {
    }

    private final String file;
    private String text = "";

    public YamlTree(String file) {
        this.file = file;
    }

    /** The document's root, or null for an empty document. */
    public Node read(Reader in) {
        text = readAll(in);
        try (JsonParser p = YAML.createParser(text)) {
            JsonToken first = p.nextToken();
            return first == null ? null : node(p);
        } catch (JsonProcessingException e) {
            throw notYaml(e);
        } catch (IOException e) {
            throw new YamlFileException(file + ": cannot read (" + e + ")", e);
        }
    }

    /**
     * A mistake found in the document read: {@code file line N: reason}, with the line shown and a caret under
     * {@code column} (0 = under the line's first character).
     */
    public YamlFileException mistake(int line, int column, String reason) {
        return new YamlFileException(file + (line > 0 ? " line " + line : "") + ": " + reason,
                SourceExcerpt.of(text, line, column));
    }

    /** {@link #mistake(int, int, String)} at a node or a key. */
    public YamlFileException mistake(Located at, String reason) {
        return mistake(at.line(), at.column(), reason);
    }

    private String readAll(Reader in) {
        StringBuilder all = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.append(buffer, 0, n);
                if (all.length() > MAX_CHARS) {
                    throw new YamlFileException(file + ": larger than " + MAX_CHARS / 1024 / 1024 + " MiB");
                }
            }
        } catch (IOException e) {
            throw new YamlFileException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return all.toString();
    }

    private YamlFileException notYaml(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark at = marked.getProblemMark();
            int line = at.getLine() + 1;
            int column = at.getColumn() + 1;
            String[] lines = SourceExcerpt.lines(text);
            if (line == lines.length && line > 1 && lines[line - 1].isEmpty()) {
                // past the final line break: the end of the file is the end of its last line
                line--;
                column = lines[line - 1].length() + 1;
            }
            return new YamlFileException(file + " line " + line + ", column " + column + ": not valid YAML: "
                    + YamlProblems.reason(marked), SourceExcerpt.of(text, line, column));
        }
        JsonLocation at = e.getLocation();
        String reason = "not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("").trim();
        return at == null ? new YamlFileException(file + ": " + reason)
                : mistake(at.getLineNr(), at.getColumnNr(), reason);
    }

    private Node node(JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation keyAt = p.currentTokenLocation();
                p.nextToken();
                Entry entry = new Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), node(p));
                if (entries.putIfAbsent(key, entry) != null) {
                    throw mistake(entry, "key '" + key + "' appears twice");
                }
            }
            return new MapNode(entries, line, column);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p));
            }
            return new ListNode(items, line, column);
        }
        return new Scalar(t == JsonToken.VALUE_NULL ? null : p.getText(), line, column);
    }
}
