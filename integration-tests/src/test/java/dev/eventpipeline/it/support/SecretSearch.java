package dev.eventpipeline.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Searches every output it is given for secret values: texts (a process's output, an exception
 * message), files, whole directories, HTTP responses (Flink's REST API) and process command lines
 * (/proc/&lt;pid&gt;/cmdline). It keeps what it searched, so a test can show that it really looked (how
 * many sources, how many characters) and that a non-secret marker is found where it must be: a search
 * that can find nothing proves nothing.
 */
public final class SecretSearch {

    private final Map<String, String> secrets;
    private final Map<String, String> searched = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param secrets each secret by a name that may be printed (the value never is) */
    public SecretSearch(Map<String, String> secrets) {
        if (secrets.isEmpty() || secrets.values().stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("nothing to search for");
        }
        this.secrets = Map.copyOf(secrets);
    }

    /** Adds one output by name. */
    public void text(String source, String text) {
        searched.merge(source, text, String::concat);
    }

    /** Adds a file's content (as UTF-8, malformed bytes replaced). */
    public void file(Path file) {
        try {
            text(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Adds every regular file under {@code dir}; returns how many. */
    public int filesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> regular = files.filter(Files::isRegularFile).toList();
            regular.forEach(this::file);
            return regular.size();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + dir, e);
        }
    }

    /** Adds the process's command line as the kernel shows it to every user; false if it is gone. */
    public boolean commandLine(String what, long pid) {
        String commandLine = commandLineOf(pid);
        if (commandLine.isEmpty()) {
            return false;
        }
        text("command line of " + what + " (pid " + pid + ")", commandLine);
        return true;
    }

    /** /proc/&lt;pid&gt;/cmdline with its NUL separators as spaces; empty when the process is gone. */
    public static String commandLineOf(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * GETs {@code base + path} and adds the body when the answer is 200; returns the status code, so the
     * caller can require the endpoints that must exist.
     */
    public int get(URI base, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                text("GET " + path, response.body());
            }
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + base + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body of an earlier {@link #get} (or any source), for following links such as log file names. */
    public String source(String name) {
        return searched.getOrDefault(name, "");
    }

    public int sources() {
        return searched.size();
    }

    public long characters() {
        return searched.values().stream().mapToLong(String::length).sum();
    }

    /** Sources whose text contains {@code marker}: for the positive controls. */
    public List<String> sourcesContaining(String marker) {
        return searched.entrySet().stream().filter(entry -> entry.getValue().contains(marker))
                .map(Map.Entry::getKey).toList();
    }

    /** "source: secret name" for every secret found anywhere; empty when nothing leaked. */
    public List<String> leaks() {
        List<String> leaks = new ArrayList<>();
        searched.forEach((source, text) -> secrets.forEach((name, secret) -> {
            if (text.contains(secret)) {
                leaks.add(source + ": " + name);
            }
        }));
        return leaks;
    }

    /** The names of the secrets found in {@code text}, for outputs checked one at a time. */
    public List<String> secretsIn(String text) {
        return secrets.entrySet().stream().filter(secret -> text.contains(secret.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    @Override
    public String toString() {
        return "searched " + sources() + " outputs, " + characters() + " characters";
    }
}
