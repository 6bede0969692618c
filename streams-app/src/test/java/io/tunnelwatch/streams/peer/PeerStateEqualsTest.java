package io.tunnelwatch.streams.peer;

import static io.tunnelwatch.streams.PeerFixtures.T0;
import static io.tunnelwatch.streams.PeerFixtures.fullHistory;
import static org.assertj.core.api.Assertions.assertThat;

import io.tunnelwatch.streams.topology.PeerStateStoreSerde;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link PeerState#equals} is written by hand for speed; it must say what a record's generated equals says: equal
 * exactly when every component is equal. A component forgotten there, or added to the record and not to it, fails
 * here.
 */
class PeerStateEqualsTest {

    private static final RecordComponent[] COMPONENTS = PeerState.class.getRecordComponents();

    /** States that differ from one another in every component but {@code v}, which the variant below changes. */
    private static final List<PeerState> POOL = List.of(
            fullHistory("rtr-a", "198.51.100.7", 1),
            fullHistory("rtr-b", "198.51.100.8", 2).toBuilder().tunnelName("Tunnel7")
                    .adjacency(new RoutingAdjacency("OSPF", "10.0.0.2", "Tunnel7", true, T0, null)).build(),
            PeerState.unknown("rtr-c", "203.0.113.9"),
            versioned(PeerState.unknown("rtr-a", "198.51.100.7"), 1));

    @Test
    void aStateDiffersFromItsCopyInAnyOneComponentAndEqualsItsCopyInNone() {
        for (PeerState base : POOL) {
            assertThat(base.equals(with(base, new int[0], base))).as("%s and its copy", base.device()).isTrue();
            for (int c = 0; c < COMPONENTS.length; c++) {
                int component = c;
                PeerState donor = POOL.stream().filter(o -> !componentEqual(o, base, component)).findFirst()
                        .orElseThrow(() -> new AssertionError("no state in the pool differs from " + base.device()
                                + " in " + COMPONENTS[component].getName()));
                PeerState changed = with(base, new int[] {c}, donor);
                String name = COMPONENTS[c].getName();
                assertThat(changed.equals(base)).as("%s with %s changed", base.device(), name).isFalse();
                assertThat(base.equals(changed)).as("%s with %s changed, asked the other way", base.device(), name)
                        .isFalse();
                assertThat(changed.equals(with(base, new int[] {c}, donor))).as("two copies with %s changed", name)
                        .isTrue();
            }
        }
    }

    @Test
    void mixedStatesAreEqualExactlyWhenEveryComponentIs() {
        SplittableRandom random = new SplittableRandom(16);
        for (int i = 0; i < 2_000; i++) {
            PeerState a = POOL.get(random.nextInt(POOL.size()));
            PeerState b = POOL.get(random.nextInt(POOL.size()));
            int[] taken = random.ints(random.nextInt(4), 0, COMPONENTS.length).toArray();
            PeerState mixed = with(a, taken, b);
            boolean allEqual = true;
            for (int c = 0; c < COMPONENTS.length; c++) {
                allEqual &= componentEqual(mixed, a, c);
            }
            assertThat(mixed.equals(a)).as("components %s of %s over %s", Arrays.toString(taken), b.device(),
                    a.device()).isEqualTo(allEqual);
            assertThat(a.equals(mixed)).isEqualTo(allEqual);
        }
    }

    @Test
    void aStateReadBackFromTheStoreEqualsTheOneWritten() {
        PeerStateStoreSerde serde = new PeerStateStoreSerde();
        for (PeerState state : POOL.subList(0, 3)) {
            PeerState read = serde.deserializer().deserialize("t", serde.serializer().serialize("t", state));
            assertThat(read).isEqualTo(state);
            assertThat(state).isEqualTo(read);
            assertThat(read.hashCode()).isEqualTo(state.hashCode());
        }
    }

    @Test
    void aStateIsNotEqualToNullOrAnotherType() {
        PeerState state = POOL.get(0);
        assertThat(state.equals(null)).isFalse();
        assertThat(state.equals(state.device())).isFalse();
    }

    private static boolean componentEqual(PeerState a, PeerState b, int component) {
        return Objects.equals(value(a, component), value(b, component));
    }

    private static Object value(PeerState state, int component) {
        try {
            return COMPONENTS[component].getAccessor().invoke(state);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code base} with the given components taken from {@code donor}, through the canonical constructor. */
    private static PeerState with(PeerState base, int[] components, PeerState donor) {
        Object[] args = components(base);
        for (int c : components) {
            args[c] = value(donor, c);
        }
        return construct(args);
    }

    /** {@code state} with its {@code v} changed, the one component the pool's other states share. */
    private static PeerState versioned(PeerState state, int v) {
        Object[] args = components(state);
        args[0] = v;
        return construct(args);
    }

    private static Object[] components(PeerState state) {
        Object[] args = new Object[COMPONENTS.length];
        for (int c = 0; c < COMPONENTS.length; c++) {
            args[c] = value(state, c);
        }
        return args;
    }

    private static PeerState construct(Object[] args) {
        Class<?>[] types = Arrays.stream(COMPONENTS).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            return PeerState.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
