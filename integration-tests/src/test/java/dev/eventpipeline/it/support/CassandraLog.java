package dev.eventpipeline.it.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a Cassandra node logged since a point in time, and the settings it runs with. */
public final class CassandraLog {

    /** CommitLog's line once a restarted node has replayed its commit log segments. */
    private static final Pattern REPLAY_COMPLETE = Pattern.compile("Log replay complete, (\\d+) replayed mutations");

    private final Path file;
    private final long offset;

    private CassandraLog(Path file, long offset) {
        this.file = file;
        this.offset = offset;
    }

    /** The node's log from its current end on. */
    public static CassandraLog from(Path file) throws IOException {
        return new CassandraLog(file, Files.exists(file) ? Files.size(file) : 0);
    }

    /** Mutations replayed from the commit log at the restarts logged since; fails if none was logged. */
    public long replayedMutations() throws IOException {
        Matcher matcher = REPLAY_COMPLETE.matcher(newText());
        long replayed = -1;
        while (matcher.find()) {
            replayed = Math.max(replayed, 0) + Long.parseLong(matcher.group(1));
        }
        if (replayed < 0) {
            throw new AssertionError("no commit log replay logged in " + file + " since offset " + offset);
        }
        return replayed;
    }

    private String newText() throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek(offset);
            byte[] bytes = new byte[(int) (in.length() - offset)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A node's live setting from the {@code system_views.settings} virtual table. */
    public static String setting(CqlSession session, String name) {
        Row row = session.execute(SimpleStatement.newInstance("SELECT value FROM system_views.settings WHERE name = ?", name))
                .one();
        if (row == null) {
            throw new AssertionError("no setting " + name + " in system_views.settings");
        }
        return row.getString("value");
    }
}
