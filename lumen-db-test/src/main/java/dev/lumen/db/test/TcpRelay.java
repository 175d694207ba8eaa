package dev.lumen.db.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-JVM TCP relay between clients and a server, for tests of what crosses the wire: it counts round trips
 * (client bursts that follow a server reply) and can black-hole traffic (keep connections open but forward
 * nothing) or cut every connection.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean blackHoled = new AtomicBoolean();
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private TcpRelay(ServerSocket listener, String targetHost, int targetPort) {
        this.listener = listener;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /**
     * Starts relaying a free local port to {@code targetHost:targetPort}.
     *
     * @param targetHost the server's host
     * @param targetPort the server's port
     * @return the running relay
     */
    public static TcpRelay start(String targetHost, int targetPort) {
        try {
            ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
            TcpRelay relay = new TcpRelay(listener, targetHost, targetPort);
            Thread.ofPlatform().daemon().name("tcp-relay-accept").start(relay::acceptLoop);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The local port clients connect to.
     *
     * @return the port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Stops (or resumes) forwarding bytes; connections stay open, so peers wait until their timeouts.
     *
     * @param on true to swallow all traffic
     */
    public void blackHole(boolean on) {
        blackHoled.set(on);
    }

    /** Closes every relayed connection, as a network cut would. */
    public void cutConnections() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    /**
     * Client bursts sent after a server reply (plus each connection's first burst) since the last reset.
     *
     * @return the round trips
     */
    public long roundTrips() {
        return roundTrips.get();
    }

    /** Sets the round-trip counter to zero. */
    public void resetRoundTrips() {
        roundTrips.set(0);
    }

    private void acceptLoop() {
        while (!closed.get()) {
            try {
                Socket client = listener.accept();
                client.setTcpNoDelay(true);
                Socket server = new Socket(targetHost, targetPort);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                // true while the last bytes went client -> server
                AtomicBoolean clientSpoke = new AtomicBoolean(false);
                Thread.ofVirtual().start(() -> pump(client, server, clientSpoke, true));
                Thread.ofVirtual().start(() -> pump(server, client, clientSpoke, false));
            } catch (IOException e) {
                if (!closed.get()) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean clientSpoke, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (blackHoled.get()) {
                    continue;
                }
                if (fromClient && !clientSpoke.getAndSet(true)) {
                    roundTrips.incrementAndGet();
                } else if (!fromClient) {
                    clientSpoke.set(false);
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // The other side went away; close both ends below.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
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
        if (closed.compareAndSet(false, true)) {
            closeQuietly(listener);
            cutConnections();
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
