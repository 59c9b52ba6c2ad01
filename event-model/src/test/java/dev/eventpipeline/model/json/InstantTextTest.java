package dev.eventpipeline.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InstantTextTest {

    @Test
    void agreesWithJavaTimeOnRandomInstantsOffsetsAndPrecisions() {
        SplittableRandom random = new SplittableRandom(20261125);
        long min = EventTimeRange.MIN.getEpochSecond() + 18 * 3600;
        long max = EventTimeRange.MAX.getEpochSecond() - 18 * 3600;
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 4, 18 * 4 + 1) * 900);
            String text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, offset));

            assertThat(InstantText.parse(text)).as(text).isEqualTo(instant);
        }
    }

    @Test
    void rejectsWithoutThrowingOnEveryPrefixOfAValidInstant() {
        String valid = "2025-11-25T10:15:30.123456789+05:30";
        for (int length = 0; length < valid.length(); length++) {
            String prefix = valid.substring(0, length);
            if (!prefix.equals("2025-11-25T10:15:30.123456789+05")) {
                assertThat(InstantText.parse(prefix)).as(prefix).isNull();
            }
        }
        assertThat(InstantText.parse(valid)).isEqualTo(Instant.parse("2025-11-25T04:45:30.123456789Z"));
    }
}
