package dev.eventpipeline.infra.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/** The last lines of a (possibly large) log file, for error messages. */
public final class LogTail {

    /** Enough bytes for 30 long log lines without reading a whole log. */
    private static final long MAX_BYTES = 64 * 1024;

    private LogTail() {}

    public static String lastLines(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file at " + file + ")";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(0, in.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) (in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\\R");
            Deque<String> tail = new ArrayDeque<>();
            for (int i = all.length - 1; i >= 0 && tail.size() < lines; i--) {
                tail.addFirst(all[i]);
            }
            return String.join(System.lineSeparator(), tail);
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
    }
}
