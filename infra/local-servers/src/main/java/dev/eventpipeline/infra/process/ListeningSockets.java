package dev.eventpipeline.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets that given processes listen on, from Linux's /proc: the listening entries of
 * /proc/net/tcp and tcp6 (address and inode), matched to the processes through the socket links in
 * /proc/&lt;pid&gt;/fd. For tests that prove nothing local listens beyond loopback.
 */
public final class ListeningSockets {

    private static final String TCP_LISTEN = "0A";

    /** One listening socket: which process, on which address and port. */
    public record Socket(long pid, InetAddress address, int port) {

        public boolean isLoopback() {
            // getByAddress turns IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) into IPv4 ones.
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port + " (pid " + pid + ")";
        }
    }

    private ListeningSockets() {}

    /** Every TCP socket the processes with these PIDs listen on. */
    public static List<Socket> of(Collection<Long> pids) {
        Map<Long, InetAddressAndPort> listening = listeningByInode();
        List<Socket> sockets = new ArrayList<>();
        for (long pid : pids) {
            for (long inode : socketInodes(pid)) {
                InetAddressAndPort address = listening.get(inode);
                if (address != null) {
                    sockets.add(new Socket(pid, address.address(), address.port()));
                }
            }
        }
        return sockets;
    }

    /** Those of {@link #of} that accept connections from beyond this machine. */
    public static List<Socket> beyondLoopback(Collection<Long> pids) {
        return of(pids).stream().filter(socket -> !socket.isLoopback()).toList();
    }

    private record InetAddressAndPort(InetAddress address, int port) {}

    private static Map<Long, InetAddressAndPort> listeningByInode() {
        Map<Long, InetAddressAndPort> byInode = new HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path path = Path.of(table);
            if (!Files.isReadable(path)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(path)) {
                    String[] fields = line.trim().split("\\s+");
                    // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                    if (fields.length > 9 && TCP_LISTEN.equals(fields[3])) {
                        String[] local = fields[1].split(":");
                        byInode.put(Long.parseLong(fields[9]),
                                new InetAddressAndPort(address(local[0]), Integer.parseInt(local[1], 16)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + table, e);
            }
        }
        return byInode;
    }

    /** /proc/net/tcp writes addresses as 32-bit words in host (little-endian) order. */
    static InetAddress address(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int from = (word * 4 + 3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(from, from + 2), 16);
            }
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }

    private static List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException e) {
                    // The descriptor closed while we looked.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not list the sockets of pid " + pid + " (gone, or another user's)", e);
        }
        return inodes;
    }
}
