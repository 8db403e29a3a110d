package scot.sirgateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay in front of a real server that keeps every byte its clients send, to show what crossed the
 * wire: whether a password went in clear, whether a connection began with a TLS handshake. Listens on a
 * loopback address of its own choosing (127.0.0.2 reaches this machine under a name no test certificate holds).
 */
public final class RecordingRelay implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final ByteArrayOutputStream fromClients = new ByteArrayOutputStream();
    private final AtomicInteger connections = new AtomicInteger();

    public RecordingRelay(String listenAddress, int targetPort) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getByName(listenAddress));
        this.targetPort = targetPort;
        Thread accepting = new Thread(this::accept, "recording-relay-" + listener.getLocalPort());
        accepting.setDaemon(true);
        accepting.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** How many connections clients made. */
    public int connections() {
        return connections.get();
    }

    /** Every byte clients sent, all connections one after the other. */
    public byte[] fromClients() {
        synchronized (fromClients) {
            return fromClients.toByteArray();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                connections.incrementAndGet();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pipe(client, server, true);
                pipe(server, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean record) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (record) {
                        synchronized (fromClients) {
                            fromClients.write(buffer, 0, n);
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // either side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "recording-relay-pipe");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
