package io.tunnelwatch.collector.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The offending line of a file with a caret under the place: lined up whatever the line holds. */
class SourceExcerptTest {

    @Test
    void shouldPutTheCaretUnderTheColumn() {
        assertThat(SourceExcerpt.of("a: 1\nbb: [2\n", 2, 5)).isEqualTo("  2 | bb: [2\n    |     ^");
    }

    @Test
    void shouldKeepTabsOnTheCaretLineSoTheCaretLinesUpInAnyTerminal() {
        assertThat(SourceExcerpt.of("a:\n\t b: x\n", 2, 3)).isEqualTo("  2 | \t b: x\n    | \t ^");
    }

    @Test
    void shouldPutTheCaretUnderTheFirstCharacterWhenTheColumnIsNotKnown() {
        assertThat(SourceExcerpt.of("a:\n    b: x\r\n", 2, 0)).isEqualTo("  2 |     b: x\n    |     ^");
    }

    @Test
    void shouldShowAVeryLongLineAroundTheColumnOnly() {
        String line = "k: " + "x".repeat(300) + "!" + "y".repeat(300);
        String excerpt = SourceExcerpt.of(line, 1, 304);

        String[] two = excerpt.split("\n");
        assertThat(two[0]).startsWith("  1 | ...x").endsWith("y...").contains("!");
        assertThat(two[0].length()).isEqualTo("  1 | ".length() + 3 + SourceExcerpt.MAX_SHOWN + 3);
        assertThat(two[0].charAt(two[1].length() - 1)).isEqualTo('!');
        assertThat(two[1]).endsWith("^").doesNotContain("x");
    }

    @Test
    void shouldShowNothingForALineTheTextDoesNotHave() {
        assertThat(SourceExcerpt.of("a: 1\n", 3, 1)).isNull();
        assertThat(SourceExcerpt.of("a: 1\n", 0, 1)).isNull();
    }
}
