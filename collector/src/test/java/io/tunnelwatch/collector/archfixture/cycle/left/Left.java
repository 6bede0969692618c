package io.tunnelwatch.collector.archfixture.cycle.left;

import io.tunnelwatch.collector.archfixture.cycle.right.Right;

/** Half of a deliberate package cycle: the architecture test must reject it. */
public final class Left {

    Right partner() {
        return new Right();
    }
}
