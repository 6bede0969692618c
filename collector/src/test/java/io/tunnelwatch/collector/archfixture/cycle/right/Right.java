package io.tunnelwatch.collector.archfixture.cycle.right;

import io.netty.util.NetUtil;
import io.tunnelwatch.collector.archfixture.cycle.left.Left;

/** The other half of the deliberate cycle, and a Netty import where the rules forbid one. */
public final class Right {

    Left partner() {
        return null;
    }

    boolean isAddress(String text) {
        return NetUtil.isValidIpV4Address(text);
    }
}
