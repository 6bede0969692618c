package io.tunnelwatch.collector.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tunnelwatch.collector.parse.SyslogMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Any text under any mnemonic the catalog knows (and some it does not): matching never throws, and the remembering
 * catalog the collector uses gives the same answer as one that reads every text afresh.
 */
class MessageCatalogFuzzTest {

    private static final List<CatalogEntry> ROWS = CiscoMessages.ROWS;
    private final MessageCatalog remembering = new MessageCatalog();
    private final MessageCatalog fresh = MessageCatalog.uncached();

    @FuzzTest(maxDuration = "20s")
    void catalogMatchesAnyTextWithoutThrowing(FuzzedDataProvider data) {
        CatalogEntry row = ROWS.get(data.consumeInt(0, ROWS.size() - 1));
        String facility = data.pickValue(row.facilities().toArray(String[]::new));
        String mnemonic = data.consumeBoolean() ? data.pickValue(row.mnemonics().toArray(String[]::new))
                : data.consumeString(20);
        String text = new String(data.consumeRemainingAsBytes(), StandardCharsets.UTF_8);
        SyslogMessage message = new SyslogMessage(189, 1, null, -1, ' ', null, null, facility, 5, mnemonic, text);

        Optional<CatalogMatch> first = remembering.match(message);
        Optional<CatalogMatch> again = remembering.match(message);
        assertThat(again).isEqualTo(first);
        assertThat(fresh.match(message)).isEqualTo(first);
    }
}
