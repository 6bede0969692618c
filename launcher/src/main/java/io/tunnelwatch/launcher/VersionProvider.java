package io.tunnelwatch.launcher;

import picocli.CommandLine;

/** The version from the jar manifest, or "development" when run from classes. */
public final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Tunnelwatch.class.getPackage().getImplementationVersion();
        return new String[] {"tunnelwatch " + (v == null ? "development" : v)};
    }
}
