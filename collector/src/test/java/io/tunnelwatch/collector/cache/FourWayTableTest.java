package io.tunnelwatch.collector.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FourWayTableTest {

    private final FourWayTable<String> table = new FourWayTable<>(64);

    @Test
    void shouldFindAnEntryInTheSetItsHashPicks() {
        int set = table.set(12345);
        table.putNewest(set, 12345, "a");

        assertThat(find(12345)).containsExactly("a");
        assertThat(find(54321)).isEmpty();
    }

    @Test
    void shouldKeepTheFourNewestOfOneSetAndLetTheOldestFallOut() {
        // hashes that differ only above the set bits and the fold: all land in one set
        int[] hashes = {1 << 24, 2 << 24, 3 << 24, 4 << 24, 5 << 24};
        assertThat(table.set(hashes[0])).isEqualTo(table.set(hashes[4]));
        for (int i = 0; i < hashes.length; i++) {
            table.putNewest(table.set(hashes[i]), hashes[i], "entry " + i);
        }

        assertThat(find(hashes[0])).as("the oldest fell out").isEmpty();
        for (int i = 1; i < hashes.length; i++) {
            assertThat(find(hashes[i])).containsExactly("entry " + i);
        }
    }

    @Test
    void shouldOnlyOfferCandidatesWhoseHashIsEqualLeavingTheFullComparisonToTheCaller() {
        int set = table.set(7);
        table.putNewest(set, 7, "seven");

        assertThat(table.candidate(set, 7)).isEqualTo("seven");
        assertThat(table.candidate(set, 8)).isNull();
    }

    @Test
    void shouldReplaceAnEntryInPlace() {
        int set = table.set(99);
        table.putNewest(set, 99, "old");
        table.replace(set, "new");

        assertThat(find(99)).containsExactly("new");
    }

    @Test
    void shouldSpreadHashesThatDifferOnlyInTheirHighBitsOverManySets() {
        List<Integer> sets = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            sets.add(table.set(i << 16));
        }
        assertThat(sets).doesNotHaveDuplicates();
    }

    @Test
    void shouldRefuseASizeThatIsNotAPowerOfTwoOfAtLeastOneSet() {
        assertThatThrownBy(() -> new FourWayTable<>(100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> new FourWayTable<>(2)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new FourWayTable<>(4).slots()).isEqualTo(4);
    }

    private List<String> find(int hash) {
        List<String> found = new ArrayList<>();
        int set = table.set(hash);
        for (int slot = set; slot < set + FourWayTable.WAYS; slot++) {
            String candidate = table.candidate(slot, hash);
            if (candidate != null) {
                found.add(candidate);
            }
        }
        return found;
    }
}
