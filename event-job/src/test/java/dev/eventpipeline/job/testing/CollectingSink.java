package dev.eventpipeline.job.testing;

import dev.eventpipeline.connectors.compat.PortableSink;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A sink that keeps what it receives in this JVM (a MiniCluster's), for the test to read after the
 * job. Flink runs a deserialized copy, so the elements are kept in a static map under this sink's id.
 */
public final class CollectingSink<T> extends PortableSink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    private final String id = UUID.randomUUID().toString();

    public CollectingSink() {
        COLLECTED.put(id, Collections.synchronizedList(new ArrayList<>()));
    }

    /** Everything written so far, in arrival order. */
    @SuppressWarnings("unchecked")
    public List<T> collected() {
        List<Object> elements = COLLECTED.get(id);
        synchronized (elements) {
            return (List<T>) List.copyOf(elements);
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> elements = COLLECTED.get(id);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                elements.add(element);
            }

            @Override
            public void flush(boolean endOfInput) {}

            @Override
            public void close() {}
        };
    }
}
