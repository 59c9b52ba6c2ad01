package dev.eventpipeline.connectors.cassandra;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.connectors.deadletter.DeadLetter;
import dev.eventpipeline.connectors.deadletter.ReplayProvenance;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Refused rows' dead letters wait in the committer's state as these bytes: every field must come back. */
class DeadLetterCommittableSerializerTest {

    private static final DeadLetterCommittableSerializer SERIALIZER = DeadLetterCommittableSerializer.INSTANCE;

    private static DeadLetter letter() {
        DeadLetter letter = new DeadLetter();
        letter.key = "589e4567-e89b-12d3-a456-426614174000".getBytes(UTF_8);
        letter.value = "{\"user_id\":\"589e4567\",\"event_type\":\"vïew\"}".getBytes(UTF_8);
        letter.sourceTopic = "user-events";
        letter.sourcePartition = 3;
        letter.sourceOffset = 1_234_567_890_123L;
        letter.sourceTimestamp = 1_764_000_000_002L;
        letter.reason = "WRITE_REJECTED";
        letter.message = "Cassandra refused the row: Key length of 70009 is longer than maximum of 65535";
        letter.rejectedAt = 1_764_072_000_000L;
        return letter;
    }

    private static DeadLetter roundTrip(DeadLetter letter) throws IOException {
        return SERIALIZER.deserialize(SERIALIZER.getVersion(), SERIALIZER.serialize(letter));
    }

    @Test
    void aDeadLetterWithoutReplayProvenanceComesBackWhole() throws IOException {
        DeadLetter letter = letter();

        DeadLetter back = roundTrip(letter);

        assertThat(back).isEqualTo(letter).isNotSameAs(letter);
        assertThat(back.replay).isNull();
        assertThat(back.key).isEqualTo(letter.key);
        assertThat(back.value).isEqualTo(letter.value);
        assertThat(back.sourceOffset).isEqualTo(1_234_567_890_123L);
        assertThat(back.rejectedAt).isEqualTo(1_764_072_000_000L);
    }

    @Test
    void aDeadLetterOfAReplayKeepsItsProvenance() throws IOException {
        DeadLetter letter = letter();
        letter.replay = new ReplayProvenance(2, "user-events", 7, 42L);

        DeadLetter back = roundTrip(letter);

        assertThat(back).isEqualTo(letter);
        assertThat(back.replay).isEqualTo(new ReplayProvenance(2, "user-events", 7, 42L));
    }

    @Test
    void nullKeyAndNullTextsStayNullAndAnEmptyValueStaysEmpty() throws IOException {
        DeadLetter letter = letter();
        letter.key = null;
        letter.value = new byte[0];
        letter.sourceTopic = null;
        letter.message = null;
        letter.replay = new ReplayProvenance(1, null, 0, 0L);

        DeadLetter back = roundTrip(letter);

        assertThat(back.key).isNull();
        assertThat(back.value).isEmpty();
        assertThat(back.sourceTopic).isNull();
        assertThat(back.message).isNull();
        assertThat(back.replay.originTopic).isNull();
        assertThat(back).isEqualTo(letter);
    }

    @Test
    void aMessageLongerThanWriteUtfAllowsComesBack() throws IOException {
        DeadLetter letter = letter();
        letter.message = "é".repeat(40_000); // 80,000 UTF-8 bytes

        assertThat(roundTrip(letter).message).isEqualTo(letter.message);
    }

    @Test
    void anUnknownVersionIsRefused() throws IOException {
        byte[] bytes = SERIALIZER.serialize(letter());

        assertThatThrownBy(() -> SERIALIZER.deserialize(SERIALIZER.getVersion() + 1, bytes))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown version");
    }
}
