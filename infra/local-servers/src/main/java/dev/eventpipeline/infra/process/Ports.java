package dev.eventpipeline.infra.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/** Port checks on the loopback interface, where every local server listens. */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /** Ports that are free right now, all different (held open together while picking). */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK));
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("Could not find free ports on " + LOOPBACK, e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a probe socket cannot fail in a way that matters.
                }
            }
        }
    }

    /** Throws a {@link PortInUseException} naming the port, its role and the owning process when {@code port} is taken. */
    public static void requireFree(int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same option the servers use, so a port in TIME_WAIT after a stop counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
        } catch (IOException e) {
            String owner = PortOwner.describe(port)
                    .map(description -> " by " + description)
                    .orElse(" (owner not visible to this user; try `ss -ltnp`)");
            throw new PortInUseException(port, "Port " + port + " (" + role + ") on " + LOOPBACK
                    + " is already in use" + owner + ". Stop that process or choose another port.");
        }
    }

    /** True when something accepts TCP connections on {@code port}. */
    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
