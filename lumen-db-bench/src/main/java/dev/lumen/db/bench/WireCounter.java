package dev.lumen.db.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of PostgreSQL that counts round trips on the wire: every frontend {@code Sync} ('S', the
 * end of an extended-protocol exchange) and every simple {@code Query} ('Q') is one request the client waits for.
 * Used to check that a transaction through lumen-db's runner costs the same round trips as the hand-written one.
 */
public final class WireCounter implements AutoCloseable {

    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;

    private final ServerSocket listener;
    private final int targetPort;
    private final AtomicLong roundTrips = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private WireCounter(ServerSocket listener, int targetPort) {
        this.listener = listener;
        this.targetPort = targetPort;
    }

    /**
     * Starts relaying a local port to {@code localhost:targetPort}.
     *
     * @param targetPort the server's port
     * @return the running relay
     */
    public static WireCounter start(int targetPort) {
        try {
            WireCounter relay = new WireCounter(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
            Thread.ofPlatform().daemon(true).name("wire-counter-accept").start(relay::accept);
            return relay;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The port clients connect to.
     *
     * @return the local port
     */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * Round trips counted so far.
     *
     * @return Sync plus Query messages sent by clients
     */
    public long roundTrips() {
        return roundTrips.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                Thread.ofPlatform().daemon(true).start(() -> frontend(client, server));
                Thread.ofPlatform().daemon(true).start(() -> copy(server, client));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("[bench] wire counter: " + e.getMessage());
                }
            }
        }
    }

    /** Client to server, message by message, counting Sync and Query. */
    private void frontend(Socket client, Socket server) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
                OutputStream out = new BufferedOutputStream(server.getOutputStream())) {
            boolean started = false;
            while (!started) {
                int length = in.readInt();
                int code = in.readInt();
                byte[] rest = in.readNBytes(length - 8);
                writeInt(out, length);
                writeInt(out, code);
                out.write(rest);
                out.flush();
                started = code != SSL_REQUEST && code != GSS_REQUEST;
            }
            while (true) {
                int type = in.read();
                if (type < 0) {
                    return;
                }
                int length = in.readInt();
                byte[] body = in.readNBytes(length - 4);
                if (type == 'S' || type == 'Q') {
                    roundTrips.incrementAndGet();
                }
                out.write(type);
                writeInt(out, length);
                out.write(body);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (EOFException e) {
            // client went away
        } catch (IOException e) {
            // a side closed the connection
        } finally {
            closeQuietly(server);
        }
    }

    private static void copy(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buffer = new byte[16_384];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(to);
        }
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // already closed
        }
        sockets.forEach(WireCounter::closeQuietly);
    }
}
