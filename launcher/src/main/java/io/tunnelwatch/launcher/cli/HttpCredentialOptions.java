package io.tunnelwatch.launcher.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.Option;

/**
 * The credential of the HTTP endpoint, the same options on both sides: the roles require it, {@code explain} sends
 * it. One environment variable ({@code TUNNELWATCH_HTTP_BEARER_TOKEN_FILE}, say) then serves both on one host.
 */
public final class HttpCredentialOptions {

    @Option(names = "--http-bearer-token-file", paramLabel = "FILE",
            description = "Bearer token of the HTTP endpoint (the file's first line): required by a role on every"
                    + " path but /healthz and /readyz, sent by explain.")
    Path bearerTokenFile;

    @Option(names = "--http-basic-auth-user", paramLabel = "USER",
            description = "Basic-auth user of the HTTP endpoint, instead of a bearer token; needs"
                    + " --http-basic-auth-password-file.")
    String basicAuthUser;

    @Option(names = "--http-basic-auth-password-file", paramLabel = "FILE",
            description = "The basic-auth password: the file's first line.")
    Path basicAuthPasswordFile;

    /** @throws IllegalArgumentException when the options clash or a file cannot be read */
    void check() {
        if ((basicAuthUser == null) != (basicAuthPasswordFile == null)) {
            throw new IllegalArgumentException("--http-basic-auth-user and --http-basic-auth-password-file go"
                    + " together");
        }
        if (bearerTokenFile != null && basicAuthUser != null) {
            throw new IllegalArgumentException("choose one of --http-bearer-token-file and --http-basic-auth-user");
        }
    }

    String bearerToken() {
        return bearerTokenFile == null ? null : CredentialFile.firstLine("--http-bearer-token-file", bearerTokenFile);
    }

    String basicPassword() {
        return basicAuthPasswordFile == null ? null
                : CredentialFile.firstLine("--http-basic-auth-password-file", basicAuthPasswordFile);
    }

    /** The {@code Authorization} header a client sends, or null without a credential. */
    String authorizationHeader() {
        check();
        if (bearerTokenFile != null) {
            return "Bearer " + bearerToken();
        }
        if (basicAuthUser != null) {
            return "Basic " + Base64.getEncoder().encodeToString((basicAuthUser + ":" + basicPassword())
                    .getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
