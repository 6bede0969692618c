package io.tunnelwatch.mib;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Just enough of SMI to check the vocabulary against MIB text files: object names resolved to dotted OIDs through
 * their {@code ::= { parent n }} assignments, and the labels of an enumerated SYNTAX. Not a MIB compiler: the
 * product never parses MIBs, and a definition this reader misses makes the check fail rather than pass.
 */
final class MibFiles {

    private static final Pattern DEFINITION = Pattern.compile("(?m)^[ \\t]*([a-z][A-Za-z0-9-]*)\\s+(?:OBJECT-TYPE"
            + "|MODULE-IDENTITY|NOTIFICATION-TYPE|OBJECT-IDENTITY|OBJECT\\s+IDENTIFIER(?=\\s*::=))");
    private static final Pattern ASSIGNMENT = Pattern.compile("::=\\s*\\{([^}]*)}");
    private static final Pattern SUB_IDENTIFIER = Pattern.compile("(?:[a-z][A-Za-z0-9-]*\\()?(\\d+)\\)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z][A-Za-z0-9-]*)\\s*\\(\\s*(-?\\d+)\\s*\\)");

    /** Name to {parent, arc, arc...}: the first definition of a name wins. */
    private final Map<String, List<String>> assignments = new HashMap<>();
    private final List<String> texts = new ArrayList<>();

    private MibFiles() {
    }

    /** Reads every regular file below {@code dir} (MIB files with or without an extension). */
    static MibFiles load(Path dir) {
        MibFiles mibs = new MibFiles();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                mibs.add(Files.readString(file, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return mibs;
    }

    private void add(String text) {
        String code = text.replaceAll("--[^\\n]*", "");
        texts.add(code);
        Matcher definition = DEFINITION.matcher(code);
        while (definition.find()) {
            Matcher value = ASSIGNMENT.matcher(code);
            if (value.find(definition.end())) {
                assignments.putIfAbsent(definition.group(1), List.of(value.group(1).trim().split("\\s+")));
            }
        }
    }

    /** The dotted OID of a named object, or null when no file defines it (or one of its ancestors). */
    String oid(String name) {
        if (name.equals("iso")) {
            return "1";
        }
        List<String> assignment = assignments.get(name);
        String parent = assignment == null ? null : oid(assignment.get(0));
        if (parent == null) {
            return null;
        }
        StringBuilder oid = new StringBuilder(parent);
        for (String arc : assignment.subList(1, assignment.size())) {
            Matcher m = SUB_IDENTIFIER.matcher(arc);
            if (!m.matches()) {
                return null;
            }
            oid.append('.').append(m.group(1));
        }
        return oid.toString();
    }

    /**
     * The labels and numbers of the enumerated SYNTAX of a TEXTUAL-CONVENTION or OBJECT-TYPE, in order; empty when
     * no file defines it.
     */
    Map<String, Integer> enumeration(String definition) {
        Pattern start = Pattern.compile("(?m)^[ \\t]*" + Pattern.quote(definition)
                + "\\s+(?:::=\\s*TEXTUAL-CONVENTION|OBJECT-TYPE)");
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (String text : texts) {
            Matcher m = start.matcher(text);
            if (!m.find()) {
                continue;
            }
            int syntax = text.indexOf("SYNTAX", m.end());
            int open = text.indexOf('{', syntax);
            int close = text.indexOf('}', open);
            Matcher label = LABEL.matcher(text.substring(open + 1, close));
            while (label.find()) {
                labels.put(label.group(1), Integer.valueOf(label.group(2)));
            }
            return labels;
        }
        return labels;
    }
}
