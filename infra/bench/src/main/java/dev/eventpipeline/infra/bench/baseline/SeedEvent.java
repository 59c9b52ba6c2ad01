package dev.eventpipeline.infra.bench.baseline;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The seed's wire type: a Jackson-bound bean (its event_time was an ISO instant string). */
@JsonIgnoreProperties(ignoreUnknown = true)
public class SeedEvent {

    @JsonProperty("user_id")
    public String userId;

    @JsonProperty("event_type")
    public String eventType;

    @JsonProperty("event_time")
    public String eventTime;

    @JsonProperty("event_id")
    public String eventId;

    @JsonProperty("metadata")
    public Map<String, String> metadata;

    public SeedEvent() {}
}
