package dev.eventpipeline.infra.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Port checks on the loopback interface, where every local server listens: on 127.0.0.1, or for the
 * nodes of a local cluster on other addresses of 127.0.0.0/8 (Linux answers all of them on lo).
 */
public final class Ports {

    public static final String LOOPBACK = "127.0.0.1";

    private static final int PICK_ATTEMPTS = 20;

    private Ports() {}

    /** Ports that are free right now, all different (held open together while picking). */
    public static int[] freePorts(int count) {
        return freePorts(count, List.of(LOOPBACK));
    }

    /**
     * Ports that are free right now on every one of {@code hosts} (loopback addresses), all different: the
     * nodes of a local cluster share their ports, each on its own address. Held open together while picking.
     */
    public static int[] freePorts(int count, List<String> hosts) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ports[i] = holdOnEvery(hosts, held);
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("Could not find free ports on " + hosts, e);
        } finally {
            closeAll(held);
        }
    }

    /**
     * The first of {@code count} consecutive ports that are all free right now on 127.0.0.1 (held open together
     * while checking), for servers that number their ports from a base, as a local Kafka cluster does.
     */
    public static int freeRange(int count) {
        Random random = new Random();
        for (int attempt = 1; attempt <= PICK_ATTEMPTS; attempt++) {
            // Below Linux's default ephemeral range (32768+), where no client socket takes a port meanwhile.
            int base = 20_000 + random.nextInt(12_000 - count);
            List<ServerSocket> held = new ArrayList<>();
            try {
                for (int port = base; port < base + count; port++) {
                    held.add(new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK)));
                }
                return base;
            } catch (IOException taken) {
                // try another base
            } finally {
                closeAll(held);
            }
        }
        throw new IllegalStateException("No " + count + " consecutive free ports on " + LOOPBACK + " after "
                + PICK_ATTEMPTS + " picks");
    }

    /** A port picked on the first host and free on the others too; its sockets are added to {@code held}. */
    private static int holdOnEvery(List<String> hosts, List<ServerSocket> held) throws IOException {
        for (int attempt = 1; attempt <= PICK_ATTEMPTS; attempt++) {
            List<ServerSocket> candidate = new ArrayList<>();
            ServerSocket first = new ServerSocket(0, 1, InetAddress.getByName(hosts.get(0)));
            candidate.add(first);
            int port = first.getLocalPort();
            try {
                for (String other : hosts.subList(1, hosts.size())) {
                    candidate.add(new ServerSocket(port, 1, InetAddress.getByName(other)));
                }
                held.addAll(candidate);
                return port;
            } catch (IOException takenOnAnother) {
                closeAll(candidate);
            }
        }
        throw new IOException("No port free on all of " + hosts + " after " + PICK_ATTEMPTS + " picks");
    }

    private static void closeAll(List<ServerSocket> sockets) {
        for (ServerSocket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a probe socket cannot fail in a way that matters.
            }
        }
    }

    /** Throws a {@link PortInUseException} naming the port, its role and the owning process when {@code port} is taken. */
    public static void requireFree(int port, String role) {
        requireFree(LOOPBACK, port, role);
    }

    /** As {@link #requireFree(int, String)}, on the loopback address {@code host}. */
    public static void requireFree(String host, int port, String role) {
        try (ServerSocket socket = new ServerSocket()) {
            // Same option the servers use, so a port in TIME_WAIT after a stop counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            String owner = PortOwner.describe(port)
                    .map(description -> " by " + description)
                    .orElse(" (owner not visible to this user; try `ss -ltnp`)");
            throw new PortInUseException(port, "Port " + port + " (" + role + ") on " + host
                    + " is already in use" + owner + ". Stop that process or choose another port.");
        }
    }

    /** True when something accepts TCP connections on {@code port}. */
    public static boolean isListening(int port) {
        return isListening(LOOPBACK, port);
    }

    /** True when something accepts TCP connections on {@code host}:{@code port}. */
    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
