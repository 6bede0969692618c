package io.tunnelwatch.collector;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the table-driven fixtures under {@code src/test/resources/syslog/cisco/}: one case per line, TAB-separated
 * columns, {@code #} comments and blank lines skipped. A wrong column count fails loudly with the line number.
 */
public final class TsvFixture {

    /** The cell value meaning "absent" (null text, -1 number). */
    public static final String ABSENT = "-";

    private TsvFixture() {
    }

    /** The rows of a classpath resource, each with exactly {@code columns} cells. */
    public static List<String[]> rows(String resource, int columns) {
        String text;
        try (InputStream in = TsvFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String[]> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != columns) {
                throw new IllegalStateException(resource + ":" + (i + 1) + ": expected " + columns + " columns, got "
                        + cells.length);
            }
            rows.add(cells);
        }
        return rows;
    }

    /** Undoes the escapes fixtures use for characters a TSV line cannot hold: \r \n \0 \t \\ and \\uXXXX. */
    public static String unescape(String cell) {
        StringBuilder out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != '\\' || i + 1 == cell.length()) {
                out.append(c);
                continue;
            }
            char next = cell.charAt(++i);
            switch (next) {
                case 'r' -> out.append('\r');
                case 'n' -> out.append('\n');
                case '0' -> out.append('\0');
                case 't' -> out.append('\t');
                case '\\' -> out.append('\\');
                case 'u' -> {
                    out.append((char) Integer.parseInt(cell.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + next + " in " + cell);
            }
        }
        return out.toString();
    }

    /** The {@code name=value} pairs of a cell, separated by {@code ;}, in order; none for {@link #ABSENT}. */
    public static Map<String, String> pairs(String cell) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!ABSENT.equals(cell)) {
            for (String pair : cell.split(";")) {
                int eq = pair.indexOf('=');
                pairs.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return pairs;
    }

    /** Null for {@link #ABSENT}, else the cell. */
    public static String text(String cell) {
        return ABSENT.equals(cell) ? null : cell;
    }

    /** -1 for {@link #ABSENT}, else the number. */
    public static long number(String cell) {
        return ABSENT.equals(cell) ? -1 : Long.parseLong(cell);
    }
}
