package dev.eventpipeline.job.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * A sink that keeps what it receives in this JVM (a MiniCluster's), for the test to read after the
 * job. Flink runs a deserialized copy, so the elements are kept in a static map under this sink's id.
 */
public final class CollectingSink<T> implements Sink<T> {

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
    @SuppressWarnings("deprecation") // the one abstract factory method of Flink 1.20's Sink
    public SinkWriter<T> createWriter(InitContext context) {
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
