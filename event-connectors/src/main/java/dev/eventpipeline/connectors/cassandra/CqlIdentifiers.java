package dev.eventpipeline.connectors.cassandra;

import java.util.regex.Pattern;

/** Keyspace and table names go into CQL text, so only plain identifiers are allowed. */
public final class CqlIdentifiers {

    private static final Pattern UNQUOTED = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    private CqlIdentifiers() {}

    public static boolean isValid(String identifier) {
        return identifier != null && UNQUOTED.matcher(identifier).matches();
    }

    public static String require(String what, String identifier) {
        if (!isValid(identifier)) {
            throw new IllegalArgumentException(what + " must be a lower-case CQL identifier "
                    + "(a letter, then letters, digits or _, at most 48): '" + identifier + "'");
        }
        return identifier;
    }
}
