package io.tunnelwatch.collector.inventory;

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

/**
 * A YAML document read into maps, lists and scalars that remember their line, so validation can say where a mistake
 * is. Jackson's own tree ({@code JsonNode}) forgets locations, hence this small reader over its streaming parser.
 * Read by the inventory and by the launcher's configuration file; broken YAML or a repeated key ends the read with
 * an {@link InventoryException} naming the file and the line.
 */
public final class YamlTree {

    private static final YAMLFactory YAML = new YAMLFactory();

    /** A node and the line (1-based) it starts on. */
    public sealed interface Node {
        int line();
    }

    /** A scalar; {@code text} is null for YAML null ({@code ~} or nothing). */
    public record Scalar(String text, int line) implements Node {
    }

    public record Entry(String key, int line, Node value) {
    }

    public record MapNode(Map<String, Entry> entries, int line) implements Node {
    }

    public record ListNode(List<Node> items, int line) implements Node {
    }

    private final String file;

    public YamlTree(String file) {
        this.file = file;
    }

    /** The document's root, or null for an empty document. */
    public Node read(Reader in) {
        try (JsonParser p = YAML.createParser(in)) {
            JsonToken first = p.nextToken();
            return first == null ? null : node(p);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw InventoryException.at(file, line, "not valid YAML: " + e.getOriginalMessage()
                    .replaceAll("\\s*\\R\\s*", " "));
        } catch (IOException e) {
            throw new InventoryException(file + ": cannot read (" + e + ")", e);
        }
    }

    private Node node(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Entry> entries = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                int keyLine = p.currentTokenLocation().getLineNr();
                p.nextToken();
                Entry entry = new Entry(key, keyLine, node(p));
                if (entries.putIfAbsent(key, entry) != null) {
                    throw InventoryException.at(file, keyLine, "key '" + key + "' appears twice");
                }
            }
            return new MapNode(entries, line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(node(p));
            }
            return new ListNode(items, line);
        }
        return new Scalar(t == JsonToken.VALUE_NULL ? null : p.getText(), line);
    }
}
