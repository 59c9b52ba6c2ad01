package dev.eventpipeline.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.immutables.value.Value;

/**
 * One user action as producers send it to Kafka. The wire form is JSON with snake_case names;
 * {@link dev.eventpipeline.model.json.UserEventJsonCodec} is the tolerant, never-throwing reader
 * and the canonical writer. The Jackson annotations let an {@code ObjectMapper} (with the JSR-310
 * module) write and read the same canonical form.
 */
@Value.Immutable
// of(...) (every attribute, in declaration order) copies the metadata map once, the builder twice (into
// itself, then into the value): the per-event path uses of (docs/benchmarks.md, the profile of 2026-12-07).
@Value.Style(allParameters = true)
@JsonSerialize(as = ImmutableUserEvent.class)
@JsonDeserialize(as = ImmutableUserEvent.class)
@JsonPropertyOrder({"user_id", "event_type", "event_time", "event_id", "metadata"})
public abstract class UserEvent {

    @JsonProperty("user_id")
    public abstract UUID userId();

    @JsonProperty("event_type")
    public abstract String eventType();

    @JsonProperty("event_time")
    public abstract Instant eventTime();

    @JsonProperty("event_id")
    public abstract UUID eventId();

    /** Free-form string attributes; empty when the producer sent none. */
    @JsonProperty("metadata")
    public abstract Map<String, String> metadata();

    public static ImmutableUserEvent.Builder builder() {
        return ImmutableUserEvent.builder();
    }
}
