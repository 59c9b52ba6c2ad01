package dev.eventpipeline.transform;

import dev.eventpipeline.model.UserEvent;
import dev.eventpipeline.model.UserEventCassandraModel;
import java.util.Map;

/**
 * What Cassandra 5.0 accepts for a {@code user_events} row, and the size of a row as stored. The
 * validation rules are bounded by these, so a row that passes validation is not refused by the
 * server for its size or the length of a key. Values are Cassandra 5.0.9's, read from the server jar; the {@code DEFAULT_*} ones are
 * {@code cassandra.yaml} settings a cluster may change (a cluster with lower settings than these
 * refuses such rows, which the sink dead-letters as {@code WRITE_REJECTED}).
 */
public final class CassandraLimits {

    /**
     * The most UTF-8 bytes one Java {@code char} needs: 3 (U+0800..U+FFFF); a supplementary code point
     * is two chars and 4 bytes. So {@code 3 * length()} bounds a string's UTF-8 size.
     */
    public static final int MAX_UTF8_BYTES_PER_CHAR = 3;

    /**
     * Largest clustering key component and largest partition key, in bytes: an unsigned short
     * ({@code FBUtilities.MAX_UNSIGNED_SHORT}). Over it the server refuses the write with
     * {@code InvalidRequestException "Key length of %d is longer than maximum of %d"}
     * ({@code ClusteringPrefix.validate} for a clustering column such as {@code event_type},
     * {@code Validation.validateKey} for the partition key, which must also not be empty). Not
     * configurable.
     */
    public static final int MAX_KEY_COMPONENT_BYTES = 65_535;

    /**
     * {@code max_value_size} (default 256 MiB): the largest single value, a map key or value
     * included. Non-frozen map keys and values in 5.0 have no 64 KiB limit (cell paths have vint
     * lengths), so this is their only per-value bound.
     */
    public static final int DEFAULT_MAX_VALUE_BYTES = 256 * 1024 * 1024;

    /** {@code commitlog_segment_size} (default 32 MiB); {@code max_mutation_size} defaults to half of it. */
    public static final int DEFAULT_COMMITLOG_SEGMENT_BYTES = 32 * 1024 * 1024;

    /**
     * {@code max_mutation_size} (default half of {@code commitlog_segment_size}: 16 MiB): a larger
     * mutation is refused with {@code MutationExceededMaxSizeException}, an InvalidRequest
     * "Rejected an oversized mutation (%d/%d) for keyspace: %s".
     */
    public static final int DEFAULT_MAX_MUTATION_BYTES = DEFAULT_COMMITLOG_SEGMENT_BYTES / 2;

    /** {@code native_transport_max_frame_size} (default 16 MiB): the native protocol's largest frame. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

    /**
     * The largest {@code validation.max-row-bytes}: 8 MiB, half of the default {@code max_mutation_size},
     * which leaves the other half for what a mutation and a request carry besides the values
     * (per-cell timestamps and lengths, the statement, the frame header).
     */
    public static final int MAX_ROW_BYTES_LIMIT = DEFAULT_MAX_MUTATION_BYTES / 2;

    /** A UUID column ({@code user_id}, {@code event_id}) is 16 bytes. */
    public static final int UUID_BYTES = 16;
    /** A DATE column ({@code bucket_date}) is 4 bytes. */
    public static final int DATE_BYTES = 4;
    /** A TIMESTAMP column ({@code event_time}) is 8 bytes. */
    public static final int TIMESTAMP_BYTES = 8;

    /** The fixed-size columns of a row: user_id 16 + bucket_date 4 + event_time 8 + event_id 16 = 44 bytes. */
    public static final int ROW_FIXED_BYTES = UUID_BYTES + DATE_BYTES + TIMESTAMP_BYTES + UUID_BYTES;

    /** The partition key's values, (user_id, bucket_date): always 20 bytes, so always within {@link #MAX_KEY_COMPONENT_BYTES}. */
    public static final int PARTITION_KEY_BYTES = UUID_BYTES + DATE_BYTES;

    /**
     * The largest {@code validation.max-event-type-length}: 65,535 / 3 = 21,845 characters, so any
     * accepted event_type fits a clustering key component whatever its characters.
     */
    public static final int MAX_EVENT_TYPE_LENGTH_LIMIT = MAX_KEY_COMPONENT_BYTES / MAX_UTF8_BYTES_PER_CHAR;

    /**
     * The largest metadata key or value a row of {@link #MAX_ROW_BYTES_LIMIT} can hold: the row also
     * holds its {@link #ROW_FIXED_BYTES} and an event_type of at least 1 byte (it must not be blank).
     * The bound of {@code validation.max-metadata-key-length} and {@code validation.max-metadata-value-bytes}.
     */
    public static final int MAX_METADATA_FIELD_BYTES_LIMIT = MAX_ROW_BYTES_LIMIT - ROW_FIXED_BYTES - 1;

    private CassandraLimits() {}

    /**
     * The row's size as stored: {@link #ROW_FIXED_BYTES} plus the UTF-8 bytes of event_type and of
     * every metadata key and value. This is what {@code validation.max-row-bytes} bounds.
     */
    public static long rowBytes(UserEventCassandraModel row) {
        return rowBytes(row.eventType(), row.metadata());
    }

    /** The size of the row {@code event} becomes ({@link UserEventMapper#toRow} stores these strings as they are). */
    public static long rowBytes(UserEvent event) {
        return rowBytes(event.eventType(), event.metadata());
    }

    private static long rowBytes(String eventType, Map<String, String> metadata) {
        long bytes = ROW_FIXED_BYTES + utf8Length(eventType);
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            bytes += utf8Length(entry.getKey()) + utf8Length(entry.getValue());
        }
        return bytes;
    }

    /**
     * UTF-8 size of {@code text}, counted without encoding it. Exact for well-formed text (all the codec
     * lets through); an unpaired surrogate, which the codec refuses and the driver cannot encode,
     * counts 3 bytes, the most any char takes.
     */
    public static long utf8Length(CharSequence text) {
        int length = text.length();
        long bytes = length; // one byte each, then what each non-ASCII char adds
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            if (c < 0x800) {
                bytes += 1;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 2; // the pair: 4 bytes for 2 chars
                i++;
            } else {
                bytes += 2;
            }
        }
        return bytes;
    }
}
