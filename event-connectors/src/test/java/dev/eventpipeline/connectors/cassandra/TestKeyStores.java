package dev.eventpipeline.connectors.cassandra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PKCS12 stores made with the JDK's keytool for the TLS tests: a CA, a truststore holding it, and
 * key stores whose certificates the CA signed. Passwords reach keytool through its environment
 * ({@code -storepass:env}), never its command line.
 */
final class TestKeyStores {

    static final String PASSWORD = "store-pass-4711";
    private static final String PASSWORD_VARIABLE = "TEST_STORE_PASSWORD";

    private final Path dir;

    TestKeyStores(Path dir) {
        this.dir = dir;
    }

    /** A CA key store {@code <name>.p12} and a truststore {@code <name>-trust.p12} holding its certificate. */
    Path certificateAuthority(String name) throws IOException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "bc:c", "-validity", "2", "-keystore", store(name), "-storetype", "PKCS12");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store(name), "-file", pem(name));
        keytool("-importcert", "-noprompt", "-alias", name, "-file", pem(name), "-keystore", store(name + "-trust"),
                "-storetype", "PKCS12");
        return dir.resolve(name + "-trust.p12");
    }

    /** A key store {@code <name>.p12} whose key's certificate {@code ca} signed, for the given names. */
    Path signedBy(String ca, String name, String subjectAlternativeNames) throws IOException {
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-validity", "2", "-keystore", store(name), "-storetype", "PKCS12");
        keytool("-certreq", "-alias", name, "-keystore", store(name), "-file", dir.resolve(name + ".csr").toString());
        List<String> sign = new ArrayList<>(List.of("-gencert", "-rfc", "-alias", ca, "-keystore", store(ca),
                "-infile", dir.resolve(name + ".csr").toString(), "-outfile", pem(name), "-validity", "2"));
        if (!subjectAlternativeNames.isEmpty()) {
            sign.addAll(List.of("-ext", "san=" + subjectAlternativeNames));
        }
        keytool(sign.toArray(String[]::new));
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", pem(ca), "-keystore", store(name));
        keytool("-importcert", "-alias", name, "-file", pem(name), "-keystore", store(name));
        return dir.resolve(name + ".p12");
    }

    private String store(String name) {
        return dir.resolve(name + ".p12").toString();
    }

    private String pem(String name) {
        return dir.resolve(name + ".pem").toString();
    }

    private void keytool(String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        command.addAll(List.of("-storepass:env", PASSWORD_VARIABLE));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, PASSWORD);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
