package dev.eventpipeline.connectors.cassandra;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.types.SourcedRow;
import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import dev.eventpipeline.model.json.UserEventJsonCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefusedRowIsolationTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-11-25T12:00:00Z"), ZoneOffset.UTC);
    static final UUID USER = UUID.fromString("589e4567-e89b-12d3-a456-426614174000");

    private final AtomicInteger written = new AtomicInteger();
    private final AtomicInteger failedRequests = new AtomicInteger();
    private RefusedRowIsolation writer;

    static SourcedRow row(int offset, String type) {
        return new SourcedRow(UserEventCassandraModel.builder()
                .userId(USER)
                .bucketDate(LocalDate.of(2025, 11, 25))
                .eventTime(Instant.parse("2025-11-25T10:00:00Z").plusMillis(offset))
                .eventType(type)
                .eventId(UUID.randomUUID())
                .metadata(Map.of("page", "/p/" + offset))
                .build(), USER.toString().getBytes(UTF_8), "user-events", 1, offset, 1_764_000_000_000L + offset);
    }

    @BeforeEach
    void setUp() {
        ScriptedCassandra.reset(0);
        writer = new RefusedRowIsolation(new ScriptedCassandra(), "event_streaming", "user_events", CLOCK,
                new RefusedRowIsolation.Listener() {
                    @Override
                    public void written(int rows) {
                        written.addAndGet(rows);
                    }

                    @Override
                    public void failedRequest(Throwable error) {
                        failedRequests.incrementAndGet();
                    }
                });
    }

    @Test
    void aBatchThatFitsIsOneRequestAndNoDeadLetter() {
        List<DeadLetter> letters = writer.write(List.of(row(1, "view"), row(2, "click"))).join();

        assertThat(letters).isEmpty();
        assertThat(ScriptedCassandra.REQUESTS).hasSize(1);
        assertThat(written).hasValue(2);
    }

    @Test
    void aRefusedBatchIsRetriedRowByRowAndOnlyTheRefusedRowBecomesADeadLetter() {
        SourcedRow refused = row(2, "refused");
        List<DeadLetter> letters = writer.write(List.of(row(1, "view"), refused, row(3, "click"))).join();

        assertThat(ScriptedCassandra.WRITTEN).extracting(UserEventCassandraModel::eventType).containsExactlyInAnyOrder("view", "click");
        assertThat(ScriptedCassandra.REQUESTS).hasSize(4); // the batch, then each row alone
        assertThat(written).hasValue(2);
        assertThat(failedRequests).hasValue(2);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.reason).isEqualTo("WRITE_REJECTED");
            assertThat(letter.message).contains("Cassandra refused the row", "Key length of 70009");
            assertThat(letter.sourceTopic).isEqualTo("user-events");
            assertThat(letter.sourcePartition).isEqualTo(1);
            assertThat(letter.sourceOffset).isEqualTo(2L);
            assertThat(letter.sourceTimestamp).isEqualTo(1_764_000_000_002L);
            assertThat(letter.key).isEqualTo(USER.toString().getBytes(UTF_8));
            assertThat(letter.rejectedAt).isEqualTo(CLOCK.millis());
            UserEvent event = UserEventJsonCodec.create().decode(letter.value).value();
            assertThat(event.eventId()).isEqualTo(refused.row().eventId());
            assertThat(event.eventTime()).isEqualTo(refused.row().eventTime());
            assertThat(event.metadata()).isEqualTo(refused.row().metadata());
        });
    }

    @Test
    void aTransientErrorFailsTheWriteAsTransientSoTheWholeBatchIsRetried() {
        ScriptedCassandra.reset(1);

        assertThatThrownBy(() -> writer.write(List.of(row(1, "view"))).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(TransientWriteException.class)
                .hasMessageContaining("cassandra.max-retries");
        assertThat(writer.write(List.of(row(1, "view"))).join()).isEmpty();
    }

    @Test
    void anErrorNoRowCanFixFailsAtOnceAndDeadLettersNothing() {
        ScriptedCassandra.fatalMessage = "unconfigured table user_events";

        assertThatThrownBy(() -> writer.write(List.of(row(1, "view"), row(2, "view"))).join())
                .cause().isInstanceOf(FatalWriteException.class)
                .hasMessageContaining("event_streaming.user_events", "apply the schema");
        assertThat(ScriptedCassandra.REQUESTS).hasSize(1);
    }

    @Test
    void aHundredRefusalsInARowAreTakenForATableProblemNotForData() {
        List<SourcedRow> refused = new ArrayList<>();
        for (int i = 0; i < RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS - 1; i++) {
            refused.add(row(i, "refused"));
        }
        assertThat(writer.write(refused).join()).hasSize(RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS - 1);
        assertThat(writer.write(List.of(row(1000, "view"))).join()).isEmpty(); // a success resets the count
        assertThat(writer.write(refused).join()).hasSize(RefusedRowIsolation.MAX_CONSECUTIVE_REFUSED_ROWS - 1);

        assertThatThrownBy(() -> writer.write(List.of(row(2000, "refused"))).join())
                .cause().isInstanceOf(FatalWriteException.class)
                .hasMessageContaining("100 rows in a row were refused");
    }
}
