package io.tunnelwatch.launcher.allinone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Says so when the data directory lies under the OS temp directory ({@code java.io.tmpdir}), which the OS may empty
 * at boot or clean of old files while tunnelwatch runs: the embedded broker's topics and the Kafka Streams state
 * would go with it. Said once, in tunnelwatch's words and naming {@code --data-dir}; Kafka Streams' own warning about
 * its {@code state.dir} is filtered out of the log.
 */
final class TemporaryDataDirectory {

    private TemporaryDataDirectory() {
    }

    static Optional<String> warning(Path dataDirectory) {
        return warning(dataDirectory, Path.of(System.getProperty("java.io.tmpdir")));
    }

    static Optional<String> warning(Path dataDirectory, Path tempDirectory) {
        Path data = resolved(dataDirectory);
        Path temp = resolved(tempDirectory);
        if (!data.startsWith(temp)) {
            return Optional.empty();
        }
        return Optional.of("The data directory " + data + " is under the OS temp directory " + temp + ", which the"
                + " OS may empty (at boot, or of files left unused for days): the embedded broker's topics and the"
                + " streams state would be lost; choose another with --data-dir to keep them");
    }

    /** The real path where it exists (a temp directory is often reached through a link), else the absolute one. */
    private static Path resolved(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
