package dev.eventpipeline.it.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.eventpipeline.connectors.deadletter.DeadLetterHeaders;
import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Compares what the pipeline wrote with what it was given: lost, unexpected, duplicated. */
public final class Outcome {

    private Outcome() {}

    /**
     * Rows compared as whole values: {@code lost} expected rows are missing (or differ in any
     * column), {@code unexpected} rows are in the partitions but not expected (a replay that made
     * a second row would show here; the primary key makes a literal duplicate impossible).
     */
    public record Rows(int expected, int found, int lost, int unexpected) {
        public boolean exact() {
            return lost == 0 && unexpected == 0 && found == expected;
        }

        @Override
        public String toString() {
            return "rows: expected " + expected + ", found " + found + ", lost " + lost + ", unexpected " + unexpected;
        }
    }

    /**
     * Dead letters matched to the invalid payloads sent: {@code lost} were never dead-lettered,
     * {@code duplicated} extra copies (the dead-letter sink is at-least-once, so a replay after a
     * failure may write one twice), {@code wrongReason} carry another reason, {@code unexpected}
     * match no invalid payload.
     */
    public record DeadLetters(int expected, int found, int lost, int duplicated, int wrongReason, int unexpected) {
        public boolean exact() {
            return lost == 0 && duplicated == 0 && wrongReason == 0 && unexpected == 0 && found == expected;
        }

        public boolean complete() {
            return lost == 0 && wrongReason == 0 && unexpected == 0;
        }

        @Override
        public String toString() {
            return "dead letters: expected " + expected + ", found " + found + ", lost " + lost + ", duplicated "
                    + duplicated + ", wrong reason " + wrongReason + ", unexpected " + unexpected;
        }
    }

    public static Rows rows(Collection<UserEventCassandraModel> expected, List<UserEventCassandraModel> found) {
        Set<UserEventCassandraModel> expectedSet = new HashSet<>(expected);
        Set<UserEventCassandraModel> foundSet = new HashSet<>(found);
        int lost = (int) expectedSet.stream().filter(row -> !foundSet.contains(row)).count();
        int unexpected = (int) found.stream().filter(row -> !expectedSet.contains(row)).count();
        return new Rows(expected.size(), found.size(), lost, unexpected);
    }

    public static DeadLetters deadLetters(Map<ByteBuffer, RejectReason> expected,
            List<ConsumerRecord<byte[], byte[]>> letters) {
        Map<ByteBuffer, Integer> copies = new HashMap<>();
        int wrongReason = 0;
        int unexpected = 0;
        for (ConsumerRecord<byte[], byte[]> letter : letters) {
            ByteBuffer value = ByteBuffer.wrap(letter.value() == null ? new byte[0] : letter.value());
            RejectReason reason = expected.get(value);
            if (reason == null) {
                unexpected++;
                continue;
            }
            copies.merge(value, 1, Integer::sum);
            if (!reason.name().equals(header(letter, DeadLetterHeaders.REASON))) {
                wrongReason++;
            }
        }
        int lost = (int) expected.keySet().stream().filter(value -> !copies.containsKey(value)).count();
        int duplicated = copies.values().stream().mapToInt(count -> count - 1).sum();
        return new DeadLetters(expected.size(), letters.size(), lost, duplicated, wrongReason, unexpected);
    }

    public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), UTF_8);
    }
}
