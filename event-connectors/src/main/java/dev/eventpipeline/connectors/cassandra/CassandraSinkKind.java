package dev.eventpipeline.connectors.cassandra;

import java.util.Arrays;
import java.util.Locale;

/** Which sink writes the rows ({@code cassandra.sink}). */
public enum CassandraSinkKind {
    /** {@link CassandraRowSink}: Sink V2 on driver 4, on Flink 1.20 and 2.x. */
    SINK_V2("sink-v2"),
    /** flink-connector-cassandra's own sink ({@code SinkFunction}, driver 3): Flink 1.20 only. */
    CONNECTOR("connector");

    private final String optionValue;

    CassandraSinkKind(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }

    public static CassandraSinkKind parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.optionValue.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of sink-v2, connector"));
    }
}
