package dev.eventpipeline.infra.security;

/** A user name and its password; {@link #toString()} never shows the password. */
public record Credential(String user, String password) {

    @Override
    public String toString() {
        return user + " (password hidden)";
    }
}
