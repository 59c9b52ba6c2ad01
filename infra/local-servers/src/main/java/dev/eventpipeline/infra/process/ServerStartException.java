package dev.eventpipeline.infra.process;

/** A server died during start-up or was not ready by its deadline; the message ends with its log tail. */
public final class ServerStartException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ServerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
