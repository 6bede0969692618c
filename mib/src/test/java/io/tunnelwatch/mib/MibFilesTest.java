package io.tunnelwatch.mib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vocabulary against the MIB files themselves (CISCO-IPSEC-FLOW-MONITOR-MIB, CISCO-RTTMON-MIB and its TC-MIB,
 * CISCO-SMI, SNMPv2-SMI/-TC/-MIB, IF-MIB, IP-MIB, IANAifType-MIB, INET-ADDRESS-MIB; where to get them:
 * docs/cisco-sources.md#where-the-mib-files-come-from). Cisco's licence keeps them out of this repository, so the
 * directory holding them is named by the environment variable {@value #MIB_DIR}; without it these checks are
 * skipped and {@link VocabularyTest} still holds the vocabulary to docs/cisco-sources.md.
 */
class MibFilesTest {

    static final String MIB_DIR = "TUNNELWATCH_MIB_DIR";

    private static MibFiles mibs;

    @BeforeAll
    static void readTheMibFiles() {
        String dir = System.getenv(MIB_DIR);
        assumeTrue(dir != null && Files.isDirectory(Path.of(dir)), MIB_DIR + " names no directory of MIB files");
        mibs = MibFiles.load(Path.of(dir));
    }

    @Test
    void shouldGiveEveryNamedObjectTheOidItsMibFileAssigns() {
        List<String> wrong = new ArrayList<>();
        VocabularyTable.IN_MIB_FILES.forEach((name, oid) -> {
            String resolved = mibs.oid(name);
            if (!oid.equals(resolved)) {
                wrong.add(name + ": vocabulary " + oid + ", MIB file " + resolved);
            }
        });

        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldGiveEveryEnumeratedValueTheNumberAndLabelOfItsMib() {
        List<String> wrong = new ArrayList<>();
        VocabularyTable.values().forEach((field, code) -> VocabularyTable.VALUE_PREFIXES.forEach((prefix, defs) -> {
            if (field.substring(field.indexOf('.') + 1).startsWith(prefix)) {
                String label = VocabularyTable.label(field, prefix);
                for (String definition : defs) {
                    Map<String, Integer> labels = mibs.enumeration(definition);
                    if (!code.equals(labels.get(label))) {
                        wrong.add(field + ": " + label + "(" + code + ") not in " + definition + " " + labels);
                    }
                }
            }
        }));
        Map.of("cikeFailReason", IpsecFlowMonitorMib.CIKE_FAIL_REASONS,
                "cipSecFailReason", IpsecFlowMonitorMib.CIPSEC_FAIL_REASONS).forEach((definition, labels) -> {
                    Map<String, Integer> inMib = mibs.enumeration(definition);
                    for (int code = 1; code < labels.size(); code++) {
                        if (!Integer.valueOf(code).equals(inMib.get(labels.get(code)))) {
                            wrong.add(definition + ": " + labels.get(code) + "(" + code + ") not in " + inMib);
                        }
                    }
                    if (inMib.size() != labels.size() - 1) {
                        wrong.add(definition + ": " + (labels.size() - 1) + " labels, the MIB has " + inMib.size());
                    }
                });
        Map<String, Integer> senses = mibs.enumeration("RttResponseSense");
        for (RttMonMib.ResponseSense sense : RttMonMib.ResponseSense.values()) {
            if (!Integer.valueOf(sense.code()).equals(senses.get(sense.label()))) {
                wrong.add("RttResponseSense: " + sense.label() + "(" + sense.code() + ") not in " + senses);
            }
        }

        assertThat(wrong).isEmpty();
    }

    @Test
    void shouldReadTheAssignmentsItChecksWith() {
        // the reader itself: a name no file defines resolves to nothing rather than to a guess
        assertThat(mibs.oid("cipSecTunInOctets")).isEqualTo("1.3.6.1.4.1.9.9.171.1.3.2.1.26");
        assertThat(mibs.oid("noSuchObjectAnywhere")).isNull();
        assertThat(mibs.enumeration("TunnelStatus")).containsExactly(Map.entry("active", 1), Map.entry("destroy", 2));
    }
}
