package dev.eventpipeline.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventpipeline.model.RejectReason;
import dev.eventpipeline.model.Result;
import dev.eventpipeline.model.UserEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserEventValidatorTest {

    private static final Instant NOW = Instant.parse("2025-11-25T12:00:00Z");

    private final UserEventValidator validator =
            new UserEventValidator(ValidationLimits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));

    private static UserEvent event(String eventType, Instant eventTime, Map<String, String> metadata) {
        return UserEvent.builder()
                .userId(UUID.randomUUID())
                .eventType(eventType)
                .eventTime(eventTime)
                .eventId(UUID.randomUUID())
                .metadata(metadata)
                .build();
    }

    private static UserEvent withType(String eventType) {
        return event(eventType, NOW, Map.of());
    }

    private static UserEvent withMetadata(Map<String, String> metadata) {
        return event("click", NOW, metadata);
    }

    private static UserEvent at(Instant eventTime) {
        return event("click", eventTime, Map.of());
    }

    private void assertRejected(UserEvent event, RejectReason reason, String messagePart) {
        Result<UserEvent> result = validator.validate(event);
        assertThat(result.isAccepted()).isFalse();
        assertThat(result.rejection().reason()).isEqualTo(reason);
        assertThat(result.rejection().message()).contains(messagePart);
    }

    @Test
    void acceptsATypicalEventUnchanged() {
        UserEvent event = event("click", NOW.minusSeconds(30), Map.of("source", "web"));

        assertThat(validator.validate(event).value()).isSameAs(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u2003"})
    void refusesBlankEventType(String eventType) {
        assertRejected(withType(eventType), RejectReason.BLANK_EVENT_TYPE, "event_type");
    }

    @Test
    void eventTypeIsMeasuredAsSentWithoutTrimming() {
        assertThat(validator.validate(withType("x".repeat(64))).isAccepted()).isTrue();
        assertRejected(withType("x".repeat(65)), RejectReason.EVENT_TYPE_TOO_LONG, "65 characters");
        // Surrounding whitespace is stored, so it counts.
        assertRejected(withType("  " + "x".repeat(64) + "  "), RejectReason.EVENT_TYPE_TOO_LONG, "68 characters");
        UserEvent padded = withType(" click ");
        assertThat(validator.validate(padded).value()).isSameAs(padded);
        assertThat(validator.validate(padded).value().eventType()).isEqualTo(" click ");
    }

    @Test
    void anEventTypeOfSeventyThousandSpacesAndALetterIsRefused() {
        // The payload that was once accepted (its stripped length is 1) and then refused by Cassandra
        // as a clustering key of 70,001 bytes, restarting the job forever.
        Result<UserEvent> result = validator.validate(withType(" ".repeat(70_000) + "x"));

        assertThat(result.rejection().reason()).isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
        assertThat(result.rejection().message()).contains("event_type", "70001 characters", "64",
                "validation.max-event-type-length");
    }

    @Test
    void eventTypeIsLimitedToWhatACassandraClusteringKeyHoldsWhateverTheCharacterLimit() {
        UserEventValidator unboundedChars = new UserEventValidator(
                ValidationLimits.builder().maxEventTypeLength(Integer.MAX_VALUE).build(), Clock.fixed(NOW, ZoneOffset.UTC));
        String cjk = "\u4e2d"; // 3 bytes in UTF-8
        String emoji = "\ud83d\ude00"; // 2 chars, 4 bytes

        assertThat(unboundedChars.validate(withType(cjk.repeat(21_845))).isAccepted()).isTrue(); // 65,535 bytes
        Result<UserEvent> over = unboundedChars.validate(withType(cjk.repeat(21_845) + "x"));
        assertThat(over.rejection().reason()).isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
        assertThat(over.rejection().message()).contains("event_type is 65536 bytes in UTF-8", "65535");
        assertThat(unboundedChars.validate(withType(emoji.repeat(16_383) + cjk)).isAccepted()).isTrue(); // 65,535
        assertThat(unboundedChars.validate(withType(emoji.repeat(16_384))).rejection().message())
                .contains("65536 bytes");
        assertThat(unboundedChars.validate(withType("x".repeat(65_536))).rejection().message())
                .contains("event_type is 65536 bytes");
        assertThat(unboundedChars.validate(withType(" ".repeat(70_000) + "x")).rejection().reason())
                .isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
    }

    @Test
    void metadataEntriesAreLimited() {
        assertThat(validator.validate(withMetadata(entries(64))).isAccepted()).isTrue();
        assertRejected(withMetadata(entries(65)), RejectReason.TOO_MANY_METADATA_ENTRIES, "65 entries");
    }

    @Test
    void metadataKeysAreLimited() {
        assertThat(validator.validate(withMetadata(Map.of("k".repeat(128), "v"))).isAccepted()).isTrue();
        assertRejected(withMetadata(Map.of("k".repeat(129), "v")), RejectReason.METADATA_KEY_TOO_LONG,
                "129 characters");
    }

    @Test
    void metadataValuesAreLimitedInUtf8Bytes() {
        assertThat(validator.validate(withMetadata(Map.of("v", "x".repeat(4096)))).isAccepted()).isTrue();
        assertRejected(withMetadata(Map.of("v", "x".repeat(4097))), RejectReason.METADATA_VALUE_TOO_LONG,
                "metadata.v is 4097 bytes");
        // 1,366 three-byte characters are 4,098 bytes although only 1,366 chars.
        assertThat(validator.validate(withMetadata(Map.of("v", "\u4e2d".repeat(1365)))).isAccepted()).isTrue();
        assertRejected(withMetadata(Map.of("v", "\u4e2d".repeat(1366))), RejectReason.METADATA_VALUE_TOO_LONG,
                "4098 bytes");
    }

    @Test
    void metadataKeysAreLimitedInUtf8BytesByTheValueLimitToo() {
        UserEventValidator longKeys = new UserEventValidator(ValidationLimits.builder()
                .maxMetadataKeyLength(1000).maxMetadataValueBytes(300).build(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(longKeys.validate(withMetadata(Map.of("\u4e2d".repeat(100), "v"))).isAccepted()).isTrue();
        Result<UserEvent> result = longKeys.validate(withMetadata(Map.of("\u4e2d".repeat(101), "v")));
        assertThat(result.rejection().reason()).isEqualTo(RejectReason.METADATA_KEY_TOO_LONG);
        assertThat(result.rejection().message()).contains("metadata key", "303 bytes in UTF-8", "300",
                "validation.max-metadata-value-bytes");
        // 101 chars are within the character limit: only the bytes are over.
        assertThat(longKeys.validate(withMetadata(Map.of("k".repeat(300), "v"))).isAccepted()).isTrue();
    }

    @Test
    void longKeysAreCutInMessages() {
        Result<UserEvent> result = validator.validate(withMetadata(Map.of("k".repeat(10_000), "v")));

        assertThat(result.rejection().message()).contains("\"" + "k".repeat(32) + "...\"", "10000 characters")
                .hasSizeLessThan(200);
    }

    @Test
    void theWholeRowIsLimitedInUtf8BytesIncludingTheFixedColumns() {
        UserEventValidator small = new UserEventValidator(ValidationLimits.builder().maxRowBytes(1024).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // 44 fixed + "click" 5 + key "k" 1 + value: 974 bytes make 1,024.
        assertThat(small.validate(withMetadata(Map.of("k", "x".repeat(974)))).isAccepted()).isTrue();
        Result<UserEvent> over = small.validate(withMetadata(Map.of("k", "x".repeat(975))));
        assertThat(over.rejection().reason()).isEqualTo(RejectReason.ROW_TOO_LARGE);
        assertThat(over.rejection().message()).isEqualTo("the row is 1025 bytes (event_type, metadata keys and values "
                + "in UTF-8 plus 44 fixed), the limit is 1024 (validation.max-row-bytes)");
        // Counted in UTF-8 bytes, not chars: 487 two-byte chars are 974 bytes.
        assertThat(small.validate(withMetadata(Map.of("k", "\u00e9".repeat(487)))).isAccepted()).isTrue();
        assertThat(small.validate(withMetadata(Map.of("k", "\u00e9".repeat(487) + "x"))).rejection().reason())
                .isEqualTo(RejectReason.ROW_TOO_LARGE);
        // Spread over many entries, and over keys and event_type too.
        Map<String, String> many = new LinkedHashMap<>();
        for (int i = 0; i < 10; i++) {
            many.put("key" + i, "v".repeat(93)); // 10 x (4 + 93) = 970
        }
        assertThat(small.validate(event("clic", NOW, many)).isAccepted()).isTrue(); // 44 + 4 + 970 = 1,018
        assertThat(small.validate(event("click_", NOW, many)).isAccepted()).isTrue(); // 1,020
        assertThat(small.validate(event("click_" + "x".repeat(4), NOW, many)).isAccepted()).isTrue(); // 1,024
        assertThat(small.validate(event("click_" + "x".repeat(5), NOW, many)).rejection().message())
                .contains("the row is 1025 bytes");
    }

    @Test
    void aFieldOverItsOwnLimitIsNamedBeforeTheRow() {
        UserEventValidator small = new UserEventValidator(ValidationLimits.builder().maxRowBytes(1024).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(small.validate(withMetadata(Map.of("k", "x".repeat(4097)))).rejection().reason())
                .isEqualTo(RejectReason.METADATA_VALUE_TOO_LONG);
        assertThat(small.validate(withMetadata(Map.of("k".repeat(129), "v"))).rejection().reason())
                .isEqualTo(RejectReason.METADATA_KEY_TOO_LONG);
        assertThat(small.validate(withType("x".repeat(65))).rejection().reason())
                .isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
    }

    @Test
    void theDefaultRowLimitIsOneMebibyte() {
        UserEventValidator wide = new UserEventValidator(ValidationLimits.builder()
                .maxMetadataValueBytes(600_000).build(), Clock.fixed(NOW, ZoneOffset.UTC));
        // 44 + "click" 5 + "a" 1 + 600,000 + "b" 1 + 448,525 = 1,048,576.
        Map<String, String> atLimit = new LinkedHashMap<>();
        atLimit.put("a", "x".repeat(600_000));
        atLimit.put("b", "y".repeat(448_525));
        assertThat(ValidationLimits.DEFAULTS.maxRowBytes()).isEqualTo(1_048_576);
        assertThat(wide.validate(withMetadata(atLimit)).isAccepted()).isTrue();
        atLimit.put("b", "y".repeat(448_526));
        assertThat(wide.validate(withMetadata(atLimit)).rejection().message()).contains("1048577 bytes", "1048576");
    }

    @Test
    void eventTimeMayBeAtMostOneHourAhead() {
        assertThat(validator.validate(at(NOW.plus(Duration.ofHours(1)))).isAccepted()).isTrue();
        assertRejected(at(NOW.plus(Duration.ofHours(1)).plusMillis(1)), RejectReason.EVENT_TIME_IN_FUTURE,
                "event_time");
        assertRejected(at(Instant.parse("9999-12-31T23:59:59.999Z")), RejectReason.EVENT_TIME_IN_FUTURE,
                "9999-12-31");
    }

    @Test
    void oldEventsPassUnlessAMaxAgeIsConfigured() {
        assertThat(validator.validate(at(Instant.EPOCH)).isAccepted()).isTrue();

        UserEventValidator recentOnly = new UserEventValidator(
                ValidationLimits.builder().maxAge(Duration.ofDays(7)).build(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(recentOnly.validate(at(NOW.minus(Duration.ofDays(7)))).isAccepted()).isTrue();
        Result<UserEvent> old = recentOnly.validate(at(NOW.minus(Duration.ofDays(7)).minusMillis(1)));
        assertThat(old.rejection().reason()).isEqualTo(RejectReason.EVENT_TIME_TOO_OLD);
        assertThat(old.rejection().message()).contains("event_time", "PT168H");
    }

    @Test
    void limitsAreConfigurable() {
        UserEventValidator strict = new UserEventValidator(ValidationLimits.builder()
                .maxEventTypeLength(5).maxMetadataEntries(1).maxMetadataKeyLength(3).maxMetadataValueBytes(2)
                .maxFutureSkew(Duration.ZERO).build(), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(strict.validate(withType("sixsix")).rejection().reason()).isEqualTo(RejectReason.EVENT_TYPE_TOO_LONG);
        assertThat(strict.validate(withMetadata(entries(2))).rejection().reason())
                .isEqualTo(RejectReason.TOO_MANY_METADATA_ENTRIES);
        assertThat(strict.validate(withMetadata(Map.of("long", "v"))).rejection().reason())
                .isEqualTo(RejectReason.METADATA_KEY_TOO_LONG);
        assertThat(strict.validate(withMetadata(Map.of("k", "vvv"))).rejection().reason())
                .isEqualTo(RejectReason.METADATA_VALUE_TOO_LONG);
        assertThat(strict.validate(at(NOW.plusMillis(1))).rejection().reason())
                .isEqualTo(RejectReason.EVENT_TIME_IN_FUTURE);
        UserEventValidator smallRows = new UserEventValidator(ValidationLimits.builder().maxRowBytes(51).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        assertThat(smallRows.validate(withMetadata(Map.of("k", "v"))).isAccepted()).isTrue(); // 44 + 5 + 1 + 1 = 51
        assertThat(smallRows.validate(withMetadata(Map.of("k", "vv"))).rejection().reason())
                .isEqualTo(RejectReason.ROW_TOO_LARGE);
    }

    @Test
    void invalidLimitsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> ValidationLimits.builder().maxMetadataEntries(0).build())
                .hasMessageContaining("maxMetadataEntries");
        assertThatThrownBy(() -> ValidationLimits.builder().maxAge(Duration.ZERO).build())
                .hasMessageContaining("maxAge");
        assertThatThrownBy(() -> ValidationLimits.builder().maxFutureSkew(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("maxFutureSkew");
        assertThatThrownBy(() -> ValidationLimits.builder().maxRowBytes(0).build()).hasMessageContaining("maxRowBytes");
        assertThatThrownBy(() -> ValidationLimits.builder().maxRowBytes(CassandraLimits.MAX_ROW_BYTES_LIMIT + 1).build())
                .hasMessageContaining("maxRowBytes", "8388608", "max_mutation_size");
        assertThat(ValidationLimits.builder().maxRowBytes(CassandraLimits.MAX_ROW_BYTES_LIMIT).build().maxRowBytes())
                .isEqualTo(8 * 1024 * 1024);
    }

    private static Map<String, String> entries(int count) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            metadata.put("key" + i, "value" + i);
        }
        return metadata;
    }
}
