package dev.eventpipeline.model.json;

/** The wire names of a {@link dev.eventpipeline.model.UserEvent}. */
public final class JsonFields {

    public static final String USER_ID = "user_id";
    public static final String EVENT_TYPE = "event_type";
    public static final String EVENT_TIME = "event_time";
    public static final String EVENT_ID = "event_id";
    public static final String METADATA = "metadata";

    private JsonFields() {}
}
