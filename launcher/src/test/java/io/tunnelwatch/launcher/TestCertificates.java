package io.tunnelwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throwaway PEM files made with the {@code openssl} command at test time, in the test's temporary directory (no key
 * is ever committed): a CA, a server certificate for 127.0.0.1 and a client certificate signed by it, and a client
 * certificate signed by another CA the server does not trust.
 */
final class TestCertificates {

    final Path dir;
    final Path caCert;
    final Path serverCert;
    final Path serverKey;
    final Path clientCert;
    final Path clientKey;
    final Path strangerCert;
    final Path strangerKey;

    private TestCertificates(Path dir) {
        this.dir = dir;
        caCert = dir.resolve("ca.crt");
        serverCert = dir.resolve("server.crt");
        serverKey = dir.resolve("server.key");
        clientCert = dir.resolve("client.crt");
        clientKey = dir.resolve("client.key");
        strangerCert = dir.resolve("stranger.crt");
        strangerKey = dir.resolve("stranger.key");
    }

    static TestCertificates create(Path dir) throws IOException {
        TestCertificates c = new TestCertificates(dir);
        c.selfSignedCa("ca", "tunnelwatch-test-ca");
        c.signed("server", "127.0.0.1", "ca", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        c.signed("client", "rtr-test-1", "ca", "extendedKeyUsage=clientAuth\n");
        c.selfSignedCa("other-ca", "not-the-tunnelwatch-ca");
        c.signed("stranger", "rtr-stranger", "other-ca", "extendedKeyUsage=clientAuth\n");
        return c;
    }

    private void selfSignedCa(String name, String cn) {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=" + cn,
                "-keyout", name + ".key", "-out", name + ".crt",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign");
    }

    private void signed(String name, String cn, String ca, String extensions) throws IOException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn, "-keyout", name + ".key",
                "-out", name + ".csr");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-CAcreateserial", "-days", "2", "-out", name + ".crt", "-extfile", name + ".ext");
    }

    private void openssl(String... args) {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        OpensslProcess.runToEnd(new ProcessBuilder(cmd).directory(dir.toFile()), null);
    }

    /** Runs {@code openssl} processes with bounded waits. */
    static final class OpensslProcess {

        private OpensslProcess() {
        }

        /** Runs to its end, feeding {@code stdin} (may be null); returns the exit code and the output. */
        static Result runToEnd(ProcessBuilder pb, byte[] stdin) {
            try {
                Process p = pb.redirectErrorStream(true).start();
                if (stdin != null) {
                    p.getOutputStream().write(stdin);
                }
                p.getOutputStream().close();
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("%s finished", pb.command()).isTrue();
                String out = new String(p.getInputStream().readAllBytes());
                if (stdin == null) {
                    assertThat(p.exitValue()).as("%s, output: %s", pb.command(), out).isZero();
                }
                return new Result(p.exitValue(), out);
            } catch (IOException e) {
                throw new IllegalStateException("cannot run openssl: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        record Result(int exitCode, String output) {
        }
    }
}
