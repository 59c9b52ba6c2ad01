package dev.eventpipeline.infra.bench.micro;

import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.RawEventProcessor;
import dev.eventpipeline.transform.UserEventValidator;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The job's per-record work, {@link RawEventProcessor#process(byte[])} (decode + validate + map to a
 * row), on one thread. {@code payload} picks the input: valid events with 0, 5 or 20 metadata
 * entries, a rotation of invalid payloads (each a different reject reason), and {@code mix}, a
 * stream of 20% 0, 50% 2, 25% 5 and 5% 20 entries with 1% invalid.
 * Each invocation processes one event, so ops/s is events/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Threads(1)
public class DecodeValidateMapBenchmark {

    private static final String[] SOURCES = {"web", "ios", "android"};

    @Param({"valid0", "valid5", "valid20", "invalid", "mix"})
    public String payload;

    private RawEventProcessor processor;
    private byte[][] payloads;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        processor = new RawEventProcessor(UserEventJsonCodec.create(), UserEventValidator.withDefaults());
        payloads = payloads(payload, new SplittableRandom(42)).toArray(byte[][]::new);
        for (byte[] p : payloads) {
            boolean shouldPass = !payload.equals("invalid") && !new String(p, StandardCharsets.UTF_8).contains("BAD");
            if (processor.process(p).isAccepted() != shouldPass && !payload.equals("mix")) {
                throw new IllegalStateException("payload not as intended: " + new String(p, StandardCharsets.UTF_8));
            }
        }
    }

    @Benchmark
    public Result<UserEventCassandraModel> process() {
        byte[] p = payloads[next];
        next = next + 1 == payloads.length ? 0 : next + 1;
        return processor.process(p);
    }

    static List<byte[]> payloads(String kind, SplittableRandom random) {
        UserEventJsonCodec codec = UserEventJsonCodec.create();
        List<byte[]> out = new ArrayList<>();
        switch (kind) {
            case "valid0", "valid5", "valid20" -> {
                int entries = Integer.parseInt(kind.substring("valid".length()));
                for (int i = 0; i < 1024; i++) {
                    out.add(codec.encode(event(random, entries)));
                }
            }
            case "invalid" -> out.addAll(invalid(random));
            case "mix" -> {
                List<byte[]> invalid = invalid(random);
                for (int i = 0; i < 4096; i++) {
                    int draw = random.nextInt(100);
                    if (draw == 0) {
                        out.add(invalid.get(random.nextInt(invalid.size())));
                    } else {
                        int entries = draw < 20 ? 0 : draw < 70 ? 2 : draw < 95 ? 5 : 20;
                        out.add(codec.encode(event(random, entries)));
                    }
                }
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return out;
    }

    private static UserEvent event(SplittableRandom random, int entries) {
        return UserEvent.builder()
                .userId(new UUID(random.nextLong(), random.nextLong()))
                .eventType(random.nextBoolean() ? "click" : "view")
                .eventTime(Instant.now().minusMillis(random.nextLong(86_400_000L)))
                .eventId(new UUID(random.nextLong(), random.nextLong()))
                .metadata(metadata(random, entries))
                .build();
    }

    /**
     * {@code entries} realistic string attributes: the entry count is what this benchmark varies, so it
     * builds its own maps rather than take the event generator's tracker metadata.
     */
    private static Map<String, String> metadata(SplittableRandom random, int entries) {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (entries >= 1) {
            metadata.put("source", SOURCES[random.nextInt(SOURCES.length)]);
        }
        if (entries >= 2) {
            metadata.put("session_id", "s-" + Integer.toHexString(random.nextInt()));
        }
        if (entries >= 3) {
            metadata.put("page", "/products/" + random.nextInt(5000));
        }
        if (entries >= 4) {
            metadata.put("referrer", "https://search.example/q?" + random.nextInt(100_000));
        }
        for (int i = metadata.size(); i < entries; i++) {
            metadata.put("attr_" + i, "value-" + random.nextInt(1_000_000));
        }
        return metadata;
    }

    /** One payload per common reject reason; the marker BAD keeps them recognisable. */
    private static List<byte[]> invalid(SplittableRandom random) {
        String user = new UUID(random.nextLong(), random.nextLong()).toString();
        String id = new UUID(random.nextLong(), random.nextLong()).toString();
        String time = Instant.now().minusSeconds(60).toString();
        List<String> texts = List.of(
                "{\"user_id\":\"BAD-not-a-uuid\",\"event_type\":\"click\",\"event_time\":\"" + time
                        + "\",\"event_id\":\"" + id + "\",\"metadata\":{\"source\":\"web\"}}",
                "{\"user_id\":\"" + user + "\",\"event_type\":\"click\",\"event_time\":\"" + time
                        + "\",\"event_id\":\"" + id + "\",\"metadata\":{\"source\":\"web\"} BAD",
                "{\"user_id\":\"" + user + "\",\"event_type\":\"click\",\"event_id\":\"" + id
                        + "\",\"metadata\":{\"source\":\"BAD\"}}",
                "{\"user_id\":\"" + user + "\",\"event_type\":\"   \",\"event_time\":\"" + time
                        + "\",\"event_id\":\"" + id + "\",\"metadata\":{\"source\":\"BAD\"}}",
                "{\"user_id\":\"" + user + "\",\"event_type\":\"click\",\"event_time\":\"2999-01-01T00:00:00Z\""
                        + ",\"event_id\":\"" + id + "\",\"metadata\":{\"source\":\"BAD\"}}",
                "{\"user_id\":\"" + user + "\",\"event_type\":\"click\",\"event_time\":\"yesterday BAD\""
                        + ",\"event_id\":\"" + id + "\"}",
                "[\"BAD\"]");
        List<byte[]> out = new ArrayList<>();
        for (String text : texts) {
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
