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
import org.jspecify.annotations.Nullable;

/**
 * An in-JVM TCP relay between clients and a server, for tests of what crosses the wire: it counts round trips
 * (client bursts that follow a server reply), can black-hole traffic (keep connections open but forward
 * nothing), cut every connection, or cut a connection at the moment its client sends a given message (for
 * example {@code COMMIT}), before or after the server got it.
 */
public final class TcpRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean blackHoled = new AtomicBoolean();
    private final AtomicLong roundTrips = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicLong cuts = new AtomicLong();
    private volatile @Nullable CutRule cutRule;

    /** When a connection is cut, relative to the client message that triggers it. */
    public enum Cut {
        /** The message never reaches the server: the server sees the connection drop first. */
        BEFORE_FORWARDING,
        /** The message is forwarded, then the connection is closed at once: the server may still act on it. */
        AFTER_FORWARDING,
        /** The message is forwarded and the server's reply swallowed: the server acted on it, the client never hears. */
        DROP_REPLY
    }

    /** A pending cut: which message, when, how likely, and whether it stays armed after one cut. */
    private record CutRule(byte[] marker, Cut when, double probability, boolean repeat) {
    }

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

    /**
     * Cuts the connection that next sends a message containing {@code marker} (ASCII, for example the SQL text
     * {@code COMMIT}), once.
     *
     * @param marker text the client message contains
     * @param when   before forwarding, after forwarding, or after the server replied
     */
    public void cutNextMessageContaining(String marker, Cut when) {
        cutRule = new CutRule(marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII), when, 1.0, false);
    }

    /**
     * Until {@link #stopCutting()}, cuts each connection that sends a message containing {@code marker}, with the
     * given probability per message.
     *
     * @param marker      text the client message contains
     * @param when        before forwarding, after forwarding, or after the server replied
     * @param probability chance of a cut per matching message, 0 to 1
     */
    public void cutMessagesContaining(String marker, Cut when, double probability) {
        cutRule = new CutRule(marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII), when, probability, true);
    }

    /** Disarms {@link #cutMessagesContaining(String, Cut, double)} and {@link #cutNextMessageContaining}. */
    public void stopCutting() {
        cutRule = null;
    }

    /**
     * Connections cut by a marker since the relay started.
     *
     * @return the count
     */
    public long cuts() {
        return cuts.get();
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
                // set once a DROP_REPLY cut forwarded its message: the server's next bytes end the connection
                AtomicBoolean dropReply = new AtomicBoolean(false);
                Thread.ofVirtual().start(() -> pump(client, server, clientSpoke, dropReply, true));
                Thread.ofVirtual().start(() -> pump(server, client, clientSpoke, dropReply, false));
            } catch (IOException e) {
                if (!closed.get()) {
                    continue;
                }
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean clientSpoke, AtomicBoolean dropReply, boolean fromClient) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (blackHoled.get()) {
                    continue;
                }
                if (!fromClient && dropReply.get()) {
                    return;
                }
                if (fromClient && !clientSpoke.getAndSet(true)) {
                    roundTrips.incrementAndGet();
                } else if (!fromClient) {
                    clientSpoke.set(false);
                }
                Cut cut = fromClient ? cutFor(buffer, read) : null;
                if (cut == Cut.BEFORE_FORWARDING) {
                    return;
                }
                if (cut == Cut.DROP_REPLY) {
                    dropReply.set(true);
                }
                out.write(buffer, 0, read);
                out.flush();
                if (cut == Cut.AFTER_FORWARDING) {
                    return;
                }
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

    /** The cut to make for this client message, if an armed rule matches it (and its dice roll says so). */
    private @Nullable Cut cutFor(byte[] buffer, int length) {
        CutRule rule = cutRule;
        if (rule == null || !contains(buffer, length, rule.marker())) {
            return null;
        }
        if (rule.probability() < 1.0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() >= rule.probability()) {
            return null;
        }
        if (!rule.repeat()) {
            // One-shot: only the first connection to match wins the cut.
            synchronized (this) {
                if (cutRule != rule) {
                    return null;
                }
                cutRule = null;
            }
        }
        cuts.incrementAndGet();
        return rule.when();
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
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
