package dev.eventpipeline.infra.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's keytool, run with every store password in its environment ({@code -storepass:env}), so no
 * secret is ever on a command line that other users can read in /proc.
 */
final class Keytool {

    private static final String PASSWORD_VARIABLE = "EVENTPIPELINE_STORE_PASSWORD";

    private final Path workingDir;
    private final String storePassword;

    Keytool(Path workingDir, String storePassword) {
        this.workingDir = workingDir;
        this.storePassword = storePassword;
    }

    /** Runs {@code keytool <command> -keystore <store> -storetype PKCS12 <passwords> <arguments>}. */
    void run(String command, Path store, String... arguments) {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                command, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass:env", PASSWORD_VARIABLE));
        if (command.equals("-genkeypair")) {
            line.addAll(List.of("-keypass:env", PASSWORD_VARIABLE));
        }
        line.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(line).directory(workingDir.toFile()).redirectErrorStream(true);
            builder.environment().put(PASSWORD_VARIABLE, storePassword);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("keytool " + command + " for " + store.getFileName() + " failed: "
                        + output.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }
}
