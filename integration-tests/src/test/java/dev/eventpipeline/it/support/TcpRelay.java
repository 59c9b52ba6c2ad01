package dev.eventpipeline.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain TCP relay: every byte from a client on {@code listenAddress} goes to {@code target} and back,
 * unread. It gives a server a second address, as a DNS alias or a load balancer does, so a client can
 * reach a TLS server under a name its certificate does not hold: a real hostname mismatch, with the
 * server's own certificate, without a second server. (127.0.0.2 is loopback on Linux.)
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private TcpRelay(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
    }

    /** Listens on a free port of {@code listenAddress} and relays each connection to {@code target}. */
    public static TcpRelay start(String listenAddress, InetSocketAddress target) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName(listenAddress));
            TcpRelay relay = new TcpRelay(server, target);
            daemon("tcp-relay-accept", relay::acceptLoop);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + listenAddress, e);
        }
    }

    /** The relay's address, as a client writes it (host, port). */
    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(upstream);
                daemon("tcp-relay-up", () -> pump(client, upstream));
                daemon("tcp-relay-down", () -> pump(upstream, client));
            } catch (IOException e) {
                // Closed, or the target refused this one connection: the client sees it closed.
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // One side closed: close both below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
        sockets.forEach(TcpRelay::closeQuietly);
    }
}
