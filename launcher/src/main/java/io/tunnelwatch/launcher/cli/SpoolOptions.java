package io.tunnelwatch.launcher.cli;

import io.tunnelwatch.collector.config.ByteSize;
import io.tunnelwatch.collector.config.SpoolSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The collector's on-disk spool for Kafka outages (docs/reliability.md#broker-outage). */
public final class SpoolOptions {

    @Option(names = "--spool-dir", paramLabel = "DIR",
            description = "Where the collector keeps the records Kafka does not acknowledge, one directory per topic"
                    + " (default: spool in the --data-dir).")
    public Path directory;

    @Option(names = "--spool-max-bytes", paramLabel = "SIZE", defaultValue = "1GiB",
            description = "Cap on the spool, all topics together: bytes or a number with KiB, MiB, GiB; at least"
                    + " 1MiB, 0 = no spool (default: ${DEFAULT-VALUE}).")
    public String maxBytes;

    /** @throws IllegalArgumentException saying which option is wrong */
    public SpoolSettings toSettings(Path dataDirectory) {
        long bytes;
        try {
            bytes = ByteSize.parse(maxBytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--spool-max-bytes: " + e.getMessage(), e);
        }
        return SpoolSettings.in(directory != null ? directory : dataDirectory.resolve("spool"), bytes);
    }
}
