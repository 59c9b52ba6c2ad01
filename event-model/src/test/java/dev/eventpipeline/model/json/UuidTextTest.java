package dev.eventpipeline.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidTextTest {

    @Test
    void parsesCanonicalFormInEitherCase() {
        for (int i = 0; i < 10_000; i++) {
            UUID uuid = UUID.randomUUID();

            assertThat(UuidText.parse(uuid.toString())).isEqualTo(uuid);
            assertThat(UuidText.parse(uuid.toString().toUpperCase(Locale.ROOT))).isEqualTo(uuid);
        }
        assertThat(UuidText.parse("ffffffff-ffff-ffff-ffff-ffffffffffff")).isEqualTo(new UUID(-1L, -1L));
        assertThat(UuidText.parse("00000000-0000-0000-0000-000000000000")).isEqualTo(new UUID(0L, 0L));
    }

    @Test
    void refusesShortenedOrMisplacedGroups() {
        assertThat(UuidText.parse("1-2-3-4-5")).isNull();
        assertThat(UuidText.parse("589e4567-e89b-12d3-a4564-26614174000")).isNull();
        assertThat(UuidText.parse("589e4567-e89b-12d3-a456-4266141740000")).isNull();
        assertThat(UuidText.parse("589e4567_e89b_12d3_a456_426614174000")).isNull();
        assertThat(UuidText.parse("589e4567-e89b-12d3-a456-42661417400\u0661")).isNull();
    }
}
