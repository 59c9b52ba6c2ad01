package dev.eventpipeline.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartingOffsetsTest {

    @Test
    void parsesEveryForm() {
        assertThat(StartingOffsets.parse("committed")).isEqualTo(StartingOffsets.COMMITTED);
        assertThat(StartingOffsets.parse(" EARLIEST ")).isEqualTo(StartingOffsets.EARLIEST);
        assertThat(StartingOffsets.parse("latest")).isEqualTo(StartingOffsets.LATEST);
        assertThat(StartingOffsets.parse("timestamp:1764065730123")).isEqualTo(StartingOffsets.timestamp(1764065730123L));
        assertThat(StartingOffsets.timestamp(5).toString()).isEqualTo("timestamp:5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "first", "timestamp:", "timestamp:soon", "timestamp:-1"})
    void refusesOtherFormsNamingTheValidOnes(String text) {
        assertThatThrownBy(() -> StartingOffsets.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("committed, earliest, latest or timestamp:<epoch-millis>");
    }

    @Test
    void committedFallsBackToEarliest() {
        assertThat(StartingOffsets.COMMITTED.toInitializer().getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.EARLIEST);
        assertThat(StartingOffsets.LATEST.toInitializer().getAutoOffsetResetStrategy())
                .isEqualTo(OffsetResetStrategy.LATEST);
    }
}
