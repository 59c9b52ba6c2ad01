package dev.eventpipeline.it.support;

/** The validation settings the poison-corpus job runs with: the production payload limit (1 MiB). */
public final class PoisonCorpusArguments {

    public static final String[] VALIDATION = {
        "--validation.max-payload-bytes", Integer.toString(HostilePayloads.ONE_MIB),
        "--validation.max-age", "3650 d"
    };

    private PoisonCorpusArguments() {}
}
