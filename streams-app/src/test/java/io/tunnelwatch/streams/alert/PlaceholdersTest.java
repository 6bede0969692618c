package io.tunnelwatch.streams.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Placeholders#tunnelIdOf}: the tunnel number of an interface name, read by hand as the pattern read it. */
class PlaceholdersTest {

    /** What tunnelIdOf gave when it was written with a regular expression: the reference. */
    private static String byPattern(String name) {
        String digits = name.replaceFirst("(?i)^tunnel\\s*", "");
        return !digits.isEmpty() && digits.chars().allMatch(Character::isDigit) ? digits : null;
    }

    @Test
    void shouldReadTheTunnelNumberOfTheNamesIosUsesAndNothingElse() {
        assertThat(Placeholders.tunnelIdOf("Tunnel7")).isEqualTo("7");
        assertThat(Placeholders.tunnelIdOf("tunnel 100")).isEqualTo("100");
        assertThat(Placeholders.tunnelIdOf("TUNNEL\t42")).isEqualTo("42");
        assertThat(Placeholders.tunnelIdOf("12")).as("a bare number, as an inventory may give it").isEqualTo("12");
        assertThat(Placeholders.tunnelIdOf("Tunnel")).isNull();
        assertThat(Placeholders.tunnelIdOf("Tunnel1.5")).isNull();
        assertThat(Placeholders.tunnelIdOf("GigabitEthernet0/0/0")).isNull();
        assertThat(Placeholders.tunnelIdOf("Tu7")).isNull();
        assertThat(Placeholders.tunnelIdOf("")).isNull();
        assertThat(Placeholders.tunnelIdOf(null)).isNull();
    }

    @Test
    void shouldGiveWhatThePatternGaveForAnyName() {
        List<String> parts = List.of("Tunnel", "tunnel", "TUNNEL", "tUnNeL", "Tun", "nel", " ", "\t", "\u00a0",
                "\u000b", "7", "42", "٣", "0/1", ".", "x", "", "Gi", "é", "\ud83d\ude00", "ſ", "K");
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder name = new StringBuilder();
            int n = random.nextInt(1, 5);
            for (int k = 0; k < n; k++) {
                name.append(parts.get(random.nextInt(parts.size())));
            }
            String s = name.toString();
            assertThat(Placeholders.tunnelIdOf(s)).as("'%s'", s).isEqualTo(byPattern(s));
        }
    }
}
