package io.tunnelwatch.launcher.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A credential kept in a file (a Kubernetes Secret mounted as a file, a file readable by one user), never on the
 * command line where {@code ps} shows it. Errors name the option and the file, never the content.
 */
final class CredentialFile {

    private CredentialFile() {
    }

    /** The file's first line without surrounding blanks. */
    static String firstLine(String option, Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
