package io.tunnelwatch.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.alert.Placeholders;
import io.tunnelwatch.streams.alert.RunbookTexts;
import io.tunnelwatch.streams.verdict.AlertType;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertPageTest {

    @Test
    void shouldGiveAnUnreachablePeerAPingWithoutSourceWhenTheSourceInterfaceIsUnknown() {
        List<String> filled = RunbookTexts.commands(AlertType.PEER_UNREACHABLE,
                new Placeholders("198.51.100.230", null, null, null));

        assertThat(AlertPage.pageCommands(filled)).containsExactly("ping 198.51.100.230");
    }

    @Test
    void shouldKeepTheSourceInterfaceWhenItIsKnown() {
        List<String> filled = RunbookTexts.commands(AlertType.PEER_UNREACHABLE,
                new Placeholders("198.51.100.230", "GigabitEthernet0/0/2", null, null));

        assertThat(AlertPage.pageCommands(filled)).containsExactly("ping 198.51.100.230 source GigabitEthernet0/0/2");
    }

    @Test
    void shouldLeaveOutACommandWithAnotherValueMissing() {
        List<String> filled = RunbookTexts.commands(AlertType.TUNNEL_INTERFACE_DOWN,
                new Placeholders("198.51.100.230", null, null, null));

        assertThat(AlertPage.pageCommands(filled)).noneMatch(AlertPage::hasPlaceholder);
    }

    @Test
    void shouldNeverCarryAPlaceholderOrACommentForAnyAlert() {
        for (AlertType type : AlertType.values()) {
            List<String> page = AlertPage.pageCommands(RunbookTexts.commands(type,
                    new Placeholders("198.51.100.230", null, null, null)));

            assertThat(page).as(type.name()).noneMatch(AlertPage::hasPlaceholder)
                    .noneMatch(c -> c.startsWith("!")).hasSizeLessThanOrEqualTo(AlertPage.MAX_COMMANDS);
        }
    }

    @Test
    void shouldWriteTimesInTheCauseAsTheyAreReadOnAPage() {
        assertThat(AlertPage.readableTimes("MM_NO_STATE since 2026-12-04T16:12:13.496247505Z, no answer"))
                .isEqualTo("MM_NO_STATE since 16:12:13 UTC, no answer");
        assertThat(AlertPage.readableTimes("last poll 2026-12-04T16:12:13Z")).isEqualTo("last poll 16:12:13 UTC");
    }
}
