package io.tunnelwatch.collector.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    @Test
    void shouldReturnTheSameTextAsSubstringAndShareItWhenSeenAgain() {
        TokenCache cache = new TokenCache();
        String line = "%CRYPTO-5-SESSION_STATUS: x %CRYPTO-5-SESSION_STATUS:";

        String first = cache.intern(line, 1, 7);
        String again = cache.intern(line, 29, 35);

        assertThat(first).isEqualTo("CRYPTO");
        assertThat(again).isSameAs(first);
    }

    /** UPDOWN and IKMP_MODE_FAILURE land in one set; alternating lines must still share both strings. */
    @Test
    void shouldKeepTwoBusyTokensThatShareASet() {
        TokenCache cache = new TokenCache();
        String updown = cache.intern("UPDOWN", 0, 6);
        String modeFailure = cache.intern("IKMP_MODE_FAILURE", 0, 17);

        for (int i = 0; i < 3; i++) {
            assertThat(cache.intern(new String("UPDOWN"), 0, 6)).isSameAs(updown);
            assertThat(cache.intern(new String("IKMP_MODE_FAILURE"), 0, 17)).isSameAs(modeFailure);
        }
    }

    @Test
    void shouldNeverAnswerWithAnotherTokenWhateverCollides() {
        TokenCache cache = new TokenCache();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 100_000; i++) {
            // Few letters and short tokens: many equal hashes and slots, and equal lengths.
            StringBuilder s = new StringBuilder("%");
            int length = 1 + random.nextInt(4);
            for (int j = 0; j < length; j++) {
                s.append((char) ('A' + random.nextInt(3)));
            }
            String text = s.toString();
            assertThat(cache.intern(text, 1, text.length())).isEqualTo(text.substring(1));
        }
    }

    @Test
    void shouldBuildEveryFullMnemonicFromItsParts() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 50_000; i++) {
            String facility = "F" + random.nextInt(40);
            String mnemonic = "M" + random.nextInt(40);
            int severity = random.nextInt(8);
            assertThat(FullMnemonics.of(facility, severity, mnemonic))
                    .isEqualTo(facility + "-" + severity + "-" + mnemonic);
        }
    }
}
