package dev.eventpipeline.it.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.infra.generate.HostilePayloads;
import dev.eventpipeline.job.testing.SampleEvents;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import dev.eventpipeline.transform.UserEventMapper;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A stream of valid events with invalid records of every reason mixed in at random places, and
 * what the pipeline must make of it: one row per valid event, one dead letter per invalid record.
 * Every invalid payload is distinct (a sequence number is worked into it without changing its
 * reason), so each dead letter can be matched to the one record it stands for.
 */
public final class MixedStream {

    private static final UserEventJsonCodec CODEC = UserEventJsonCodec.create();
    private static final Map<RejectReason, byte[]> TEMPLATES = HostilePayloads.oneOfEachReason();

    /**
     * The reasons invalid records are made for: every reason a payload can be refused for under the test
     * job's limits ({@link HostilePayloads#ONE_OF_EACH_REASON_LIMITS}), that is all but WRITE_REJECTED (the
     * writer's, never a payload's) and ROW_TOO_LARGE (it needs a lower row limit than the test job runs with).
     */
    public static final Set<RejectReason> REASONS = Collections.unmodifiableSet(EnumSet.copyOf(TEMPLATES.keySet()));

    /** What to send, in order; keys are user ids (valid) or null (invalid). */
    public final List<Map.Entry<byte[], byte[]>> records;
    public final List<UserEvent> validEvents;
    public final List<UserEventCassandraModel> expectedRows;
    /** Each invalid payload and the reason it must be dead-lettered with. */
    public final Map<ByteBuffer, RejectReason> expectedDeadLetters;

    private MixedStream(List<Map.Entry<byte[], byte[]>> records, List<UserEvent> validEvents,
            Map<ByteBuffer, RejectReason> expectedDeadLetters) {
        this.records = records;
        this.validEvents = validEvents;
        this.expectedRows = validEvents.stream().map(UserEventMapper::toRow).toList();
        this.expectedDeadLetters = expectedDeadLetters;
    }

    /**
     * {@code total} records of which {@code invalidPerReason} of each of {@link #REASONS} are invalid;
     * the valid ones come from the pipeline's event generator ({@link SampleEvents}), spread over an hour around yesterday's UTC midnight
     * (so two bucket dates) with distinct primary keys.
     */
    public static MixedStream of(int total, int invalidPerReason, int users, long seed) {
        int invalidCount = invalidPerReason * REASONS.size();
        int validCount = total - invalidCount;
        List<UserEvent> valid = SampleEvents.spanningMidnight(validCount, users, seed);
        Map<ByteBuffer, RejectReason> invalid = new LinkedHashMap<>();
        List<Map.Entry<byte[], byte[]>> invalidRecords = new ArrayList<>();
        long sequence = seed * 1_000_000L;
        for (RejectReason reason : REASONS) {
            for (int i = 0; i < invalidPerReason; i++) {
                byte[] payload = invalidPayload(reason, sequence++, i);
                if (invalid.put(ByteBuffer.wrap(payload), reason) != null) {
                    throw new IllegalStateException("two invalid payloads are equal: " + reason + " #" + i);
                }
                invalidRecords.add(new AbstractMap.SimpleEntry<>(null, payload));
            }
        }
        Collections.shuffle(invalidRecords, new Random(seed));
        // Spread the invalid records over the whole stream, at random but reproducible places.
        Random random = new Random(seed + 1);
        List<Map.Entry<byte[], byte[]>> records = new ArrayList<>(total);
        int nextInvalid = 0;
        for (UserEvent event : valid) {
            while (nextInvalid < invalidRecords.size() && random.nextInt(total) < invalidCount) {
                records.add(invalidRecords.get(nextInvalid++));
            }
            records.add(new AbstractMap.SimpleEntry<>(event.userId().toString().getBytes(UTF_8), CODEC.encode(event)));
        }
        records.addAll(invalidRecords.subList(nextInvalid, invalidRecords.size()));
        return new MixedStream(List.copyOf(records), valid, Collections.unmodifiableMap(invalid));
    }

    /** Only valid events. */
    public static MixedStream validOnly(int total, int users, long seed) {
        return of(total, 0, users, seed);
    }

    public int total() {
        return records.size();
    }

    /** The template payload of {@code reason}, made unique by {@code sequence} without changing the reason. */
    static byte[] invalidPayload(RejectReason reason, long sequence, int index) {
        String template = new String(TEMPLATES.get(reason), UTF_8);
        String payload = switch (reason) {
            case EMPTY_PAYLOAD -> " ".repeat(index + 1); // only whitespace is as empty as it gets
            case NOT_AN_OBJECT -> "[" + sequence + "]";
            default -> "{\"seq\":" + sequence + "," + template.substring(1);
        };
        return payload.getBytes(UTF_8);
    }
}
