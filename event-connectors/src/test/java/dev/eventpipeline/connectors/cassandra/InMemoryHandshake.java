package dev.eventpipeline.connectors.cassandra;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** Runs a TLS handshake between two JDK engines through buffers, no sockets: the tests' server. */
final class InMemoryHandshake {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private InMemoryHandshake() {}

    /** Completes the handshake, or throws the first side's failure (a certificate refused, ...). */
    static void run(SSLEngine client, SSLEngine server) throws SSLException {
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int application = Math.max(client.getSession().getApplicationBufferSize(),
                server.getSession().getApplicationBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(4 * packet);
        ByteBuffer toClient = ByteBuffer.allocate(4 * packet);
        ByteBuffer clientData = ByteBuffer.allocate(application);
        ByteBuffer serverData = ByteBuffer.allocate(application);
        client.beginHandshake();
        server.beginHandshake();
        for (int step = 0; step < 1_000; step++) {
            if (finished(client) && finished(server)) {
                return;
            }
            step(client, toServer, toClient, clientData);
            step(server, toClient, toServer, serverData);
        }
        throw new IllegalStateException("the handshake did not finish");
    }

    private static boolean finished(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer data) throws SSLException {
        switch (engine.getHandshakeStatus()) {
            case NEED_WRAP -> engine.wrap(NOTHING, out);
            case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                in.flip();
                engine.unwrap(in, data);
                in.compact();
                data.clear();
            }
            case NEED_TASK -> {
                for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
                    task.run();
                }
            }
            default -> { }
        }
    }
}
