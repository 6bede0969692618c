package io.tunnelwatch.streams.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tunnelwatch.events.PeerPhase;
import io.tunnelwatch.streams.PeerFixtures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The timeline as a section of its own (layout 3): every line reads back exactly as it was, whatever its time's
 * precision or its characters; a state read and written again with its timeline untouched copies the section
 * without reading it; a changed timeline is written anew; and a corrupt section fails as the record is read.
 */
class TimelineCodecTest {

    private static final Instant AT = Instant.parse("2026-12-06T00:17:23.804745Z");

    private final PeerStateCodec codec = new PeerStateCodec();

    @Test
    void shouldReadBackEveryKindOfLineExactly() {
        List<String> lines = List.of(
                AT + " CRYPTO-5-SESSION_STATUS Crypto tunnel is UP.  Peer 127.0.1.3:500  Id: 127.0.1.3",
                AT.plusMillis(5) + " CRYPTO-5-SESSION_STATUS Crypto tunnel is DOWN.  Peer 127.0.1.3:500  Id: 127.0.1.3",
                "2026-12-06T00:17:23Z encaps +2818 decaps +2818 replay +0 auth +0 decrypt +0 drops +0 (SAs 1)",
                "2026-12-06T00:17:23.1Z x",
                "2026-12-06T00:17:23.123456789Z nanoseconds",
                // not as Instant.toString writes it: kept as a plain line, not rewritten
                "2026-12-06T00:17:23.000Z zero fraction",
                "2026-12-06T00:17:23.804745Z",
                "2026-12-06T00:17:23.804745Z ",
                "2026-13-06T00:17:23.804745Z not a time",
                "+10000-01-01T00:00:00Z far future",
                "1969-12-31T23:59:59.999999Z before the epoch",
                "no time at all",
                "",
                // pairs that a shared prefix or suffix must not split
                AT + " peer says \uD83D\uDE00 up",
                AT + " peer says \uD83D\uDE01 up",
                AT + " \uD83D\uDE00",
                AT + " \uD83D\uDE00\uD83D\uDE00",
                AT + " é\"\n" + "x".repeat(300));
        PeerState state = withTimeline(chunks(lines));

        PeerState read = PeerStateCodec.decode(codec.encode(state));

        assertThat(read.milestones()).isEqualTo(state.milestones());
        // Milestone cuts a line to its MAX_LINE: the last one alone differs from what was given.
        List<String> readLines = read.milestones().stream().flatMap(m -> m.evidence().stream()).toList();
        assertThat(readLines).hasSameSizeAs(lines).startsWith(lines.subList(0, lines.size() - 1).toArray(String[]::new));
        assertThat(readLines.get(lines.size() - 1)).hasSize(Milestone.MAX_LINE).endsWith("x…");
    }

    @Test
    void shouldReadBackRandomLinesAgainstEarlierOnes() {
        SplittableRandom random = new SplittableRandom(7);
        String[] alphabet = {"a", "b", " ", "\uD83D\uDE00", "\uD83D\uDE01", "é", "0", "Z", ":", "."};
        for (int round = 0; round < 300; round++) {
            List<Milestone> milestones = new ArrayList<>();
            for (int m = 0; m < 1 + random.nextInt(16); m++) {
                List<String> lines = new ArrayList<>();
                for (int l = 0; l < random.nextInt(5); l++) {
                    StringBuilder text = new StringBuilder("common ");
                    for (int c = 0; c < random.nextInt(12); c++) {
                        text.append(alphabet[random.nextInt(alphabet.length)]);
                    }
                    text.append(random.nextBoolean() ? " tail" : "");
                    lines.add(random.nextBoolean() ? AT.plusNanos(random.nextLong(1L << 40)) + " " + text
                            : text.toString());
                }
                milestones.add(new Milestone(AT.plusSeconds(m), Milestone.Kind.values()[m % 3], "N" + m,
                        random.nextBoolean() ? null : "detail", lines));
            }
            PeerState state = withTimeline(milestones);

            assertThat(PeerStateCodec.decode(codec.encode(state)).milestones()).as("round %d", round)
                    .containsExactlyElementsOf(milestones);
        }
    }

    /**
     * A poll's counter line (layout 4) is kept as its numbers, whatever they are, and a text that only looks like one
     * (a leading zero, a negative zero, a number out of range, a character more or less) is kept as it was.
     */
    @Test
    void shouldKeepCounterLinesAsTheirNumbersAndNearMissesAsTheyWere() {
        long[] extremes = {0, 1, -1, 2818, Long.MAX_VALUE, Long.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE};
        List<String> lines = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            lines.add(new CounterDelta(AT.plusSeconds(60L * i), (int) pick(random, extremes), pick(random, extremes),
                    pick(random, extremes), pick(random, extremes), pick(random, extremes), pick(random, extremes),
                    pick(random, extremes), 0, 0, 0).line());
        }
        String good = "encaps +2818 decaps +2818 replay +0 auth +0 decrypt +0 drops +0 (SAs 1)";
        List<String> nearMisses = List.of(good.replace("+2818 d", "+02818 d"), good.replace("+0 auth", "+-0 auth"),
                good.replace("+0 auth", "+00 auth"), good.replace("(SAs 1)", "(SAs 1))"),
                good.replace("(SAs 1)", "(SAs 1"), good.replace("(SAs 1)", "(SAs )"), good.replace("+2818 d", "+ d"),
                good.replace("+2818 d", "+92233720368547758070 d"), good.replace("encaps", "Encaps"), " " + good,
                good.replace("+0 drops", "+0  drops"), good.replace("+2818 d", "+-2818 d"));
        for (String text : nearMisses) {
            lines.add(AT + " " + text);
        }
        PeerState state = withTimeline(chunks(lines));
        PeerState countersOnly = withTimeline(chunks(lines.subList(0, 200)));
        PeerState textsOnly = withTimeline(chunks(lines.subList(0, 200).stream()
                .map(line -> line.replace(" (SAs ", " (SAs: ")).toList()));

        assertThat(PeerStateCodec.decode(codec.encode(state)).milestones().stream()
                .flatMap(m -> m.evidence().stream()).toList()).isEqualTo(lines);
        assertThat(codec.encode(countersOnly).length).as("200 counter lines kept as their numbers")
                .isLessThan(codec.encode(textsOnly).length / 2);
    }

    private static long pick(SplittableRandom random, long[] extremes) {
        return random.nextBoolean() ? extremes[random.nextInt(extremes.length)] : random.nextLong(0, 100_000);
    }

    @Test
    void shouldReadBackLinesLedByTimesOfAnyPrecisionExactly() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // Any count of fraction digits, canonical or not, with trailing zeros or none, over four centuries.
            Instant at = Instant.ofEpochSecond(random.nextLong(-1_000_000_000L, 9_000_000_000L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String fraction = String.format("%09d", at.getNano()).substring(0, random.nextInt(10));
            String word = at.toString().substring(0, 19) + (fraction.isEmpty() ? "" : "." + fraction) + "Z";
            lines.add((random.nextBoolean() ? word : at.toString()) + " line " + i);
        }
        PeerState state = withTimeline(chunks(lines));

        PeerState read = PeerStateCodec.decode(codec.encode(state));

        assertThat(read.milestones().stream().flatMap(m -> m.evidence().stream()).toList()).isEqualTo(lines);
    }

    @Test
    void shouldCopyAnUntouchedTimelineWithoutReadingIt() {
        PeerState full = PeerFixtures.fullHistory("rtr-hq-1", "198.51.100.7", 3);
        byte[] written = codec.encode(full);
        PeerState read = PeerStateCodec.decode(written);
        // What an input that changes no phase does: the state moves on, the timeline stays as read.
        PeerState next = read.toBuilder().lastEvent(read.lastEventAt().plusSeconds(1), "CRYPTO-5-SESSION_STATUS")
                .phase(read.phase(), read.lastEventAt().plusSeconds(1)).build();

        byte[] again = codec.encode(next);

        assertThat(next.milestones()).isInstanceOf(EncodedTimeline.class).isSameAs(read.milestones());
        EncodedTimeline copied = (EncodedTimeline) PeerStateCodec.decode(again).milestones();
        assertThat(copied.section()).as("the section copied byte for byte")
                .isEqualTo(((EncodedTimeline) read.milestones()).section());
        assertThat(copied).as("equal by their sections").isEqualTo(read.milestones());
        assertThat(copied.isDecoded()).isFalse();
        assertThat(((EncodedTimeline) read.milestones()).isDecoded()).isFalse();
        assertThat(copied).isEqualTo(full.milestones());
    }

    @Test
    void shouldWriteAChangedTimelineAnew() {
        PeerState read = PeerStateCodec.decode(codec.encode(PeerFixtures.fullHistory("rtr-hq-1", "198.51.100.7", 3)));
        Instant later = read.lastEventAt().plusSeconds(30);
        PeerState next = read.toBuilder().phase(read.phase() == PeerPhase.DOWN ? PeerPhase.IKE_UP : PeerPhase.DOWN,
                later).build();

        PeerState again = PeerStateCodec.decode(codec.encode(next));

        assertThat(again.milestones()).isEqualTo(next.milestones()).isNotEqualTo(read.milestones())
                .hasSize(read.milestones().size());
        assertThat(again.milestones().get(again.milestones().size() - 1).at()).isEqualTo(later);
    }

    @Test
    void shouldCompareATimelineReadWithOneBuilt() {
        PeerState full = PeerFixtures.fullHistory("rtr-hq-1", "198.51.100.7", 3);
        PeerState read = PeerStateCodec.decode(codec.encode(full));

        assertThat(read).isEqualTo(full);
        assertThat(full).isEqualTo(read);
        assertThat(read.milestones().hashCode()).isEqualTo(full.milestones().hashCode());
        assertThat(PeerStateCodec.decode(codec.encode(full)).milestones()).isEqualTo(read.milestones());
    }

    @Test
    void shouldFailAsTheRecordIsReadWhenItsTimelineIsCorrupt() {
        byte[] good = codec.encode(PeerFixtures.fullHistory("rtr-hq-1", "198.51.100.7", 3));
        // The timeline is the last section but the adjacencies (none here: one byte): flip a byte inside it.
        byte[] corrupt = good.clone();
        corrupt[good.length - 40] ^= 0x20;

        assertThatThrownBy(() -> PeerStateCodec.decode(corrupt)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timeline section fails its checksum");
    }

    private static List<Milestone> chunks(List<String> lines) {
        List<Milestone> milestones = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += Milestone.MAX_EVIDENCE) {
            milestones.add(new Milestone(AT.plusSeconds(i), Milestone.Kind.OPENED, "DecapsStalled", null,
                    lines.subList(i, Math.min(lines.size(), i + Milestone.MAX_EVIDENCE))));
        }
        return milestones;
    }

    private static PeerState withTimeline(List<Milestone> milestones) {
        return new PeerState(PeerState.VERSION, "rtr-hq-1", "198.51.100.7", PeerPhase.DOWN, AT, null, false, AT,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, milestones,
                null);
    }
}
