package dev.eventpipeline.it.support;

/**
 * The validation settings the poison-corpus job runs with: the production limits (payloads up to 1 MiB),
 * but rows of at most {@link #MAX_ROW_BYTES}. Under the default field limits no row can reach the
 * default {@code validation.max-row-bytes} of 1 MiB (64 entries of a 128-character key and a 4,096-byte
 * value, and a 64-character event_type, make at most 286,956 bytes), so a lower row limit is what lets the
 * corpus hold rows over it (ROW_TOO_LARGE).
 */
public final class PoisonCorpusArguments {

    /** {@code validation.max-row-bytes} of the poison-corpus job: 64 KiB. */
    public static final int MAX_ROW_BYTES = 64 * 1024;

    public static final String[] VALIDATION = {
        "--validation.max-payload-bytes", Integer.toString(HostilePayloads.ONE_MIB),
        "--validation.max-age", "3650 d",
        "--validation.max-row-bytes", Integer.toString(MAX_ROW_BYTES)
    };

    private PoisonCorpusArguments() {}
}
