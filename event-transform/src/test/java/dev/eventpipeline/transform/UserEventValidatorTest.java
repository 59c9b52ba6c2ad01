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
    void eventTypeLengthIsCountedAfterTrimming() {
        assertThat(validator.validate(withType("x".repeat(64))).isAccepted()).isTrue();
        assertThat(validator.validate(withType("  " + "x".repeat(64) + "  ")).isAccepted()).isTrue();
        assertRejected(withType("x".repeat(65)), RejectReason.EVENT_TYPE_TOO_LONG, "65 characters");
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
    }

    @Test
    void invalidLimitsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> ValidationLimits.builder().maxMetadataEntries(0).build())
                .hasMessageContaining("maxMetadataEntries");
        assertThatThrownBy(() -> ValidationLimits.builder().maxAge(Duration.ZERO).build())
                .hasMessageContaining("maxAge");
        assertThatThrownBy(() -> ValidationLimits.builder().maxFutureSkew(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("maxFutureSkew");
    }

    private static Map<String, String> entries(int count) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            metadata.put("key" + i, "value" + i);
        }
        return metadata;
    }
}
