package dev.eventpipeline.infra.process;

/** A port a server needs is already bound; the message names the port and, when known, the owner. */
public final class PortInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(int port, String message) {
        super(message);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
