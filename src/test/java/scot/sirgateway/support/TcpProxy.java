package scot.sirgateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy in front of a real server (GreenMail's IMAP or SMTP, an embedded PostgreSQL), to take the
 * server away from the gateway and give it back while the server itself keeps running. {@link #cut()} closes every
 * connection through it and refuses new ones (each is closed as soon as it is accepted); {@link #restore()} lets
 * them through again.
 *
 * <p>For SMTP, {@link #dropNextReplyToData()} makes one lost reply: the next message's data and its final dot reach
 * the server, which accepts the mail, and the server's reply to them is not passed on: the connection is closed
 * before the client reads it.
 */
public final class TcpProxy implements AutoCloseable {

    private static final byte[] END_OF_DATA = {'\r', '\n', '.', '\r', '\n'};

    private final int targetPort;
    private final ServerSocket listener;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private final AtomicBoolean dropReplyToData = new AtomicBoolean();
    private volatile int repliesDropped;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try {
            this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException("the proxy cannot listen", e);
        }
        Thread accepting = new Thread(this::accept, "tcp-proxy-" + targetPort);
        accepting.setDaemon(true);
        accepting.start();
    }

    /** The port the gateway is given instead of the server's. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection through the proxy and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
    }

    /** Lets connections through again. */
    public void restore() {
        cut = false;
    }

    /** The reply to the next message's final dot is never passed on: the connection is closed instead. */
    public void dropNextReplyToData() {
        dropReplyToData.set(true);
    }

    /** How many replies to a message's data were dropped so far. */
    public int repliesDropped() {
        return repliesDropped;
    }

    @Override
    public void close() {
        cut();
        closeQuietly(listener);
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            Socket server;
            try {
                server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            } catch (IOException unreachable) {
                closeQuietly(client);
                continue;
            }
            open.add(client);
            open.add(server);
            Connection connection = new Connection(client, server);
            start(() -> connection.pump(client, server, true), "tcp-proxy-up-" + targetPort);
            start(() -> connection.pump(server, client, false), "tcp-proxy-down-" + targetPort);
        }
    }

    private static void start(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** One client's connection and the proxy's own to the server. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        /** The client sent a message's final dot while a reply was to be dropped: its reply goes nowhere. */
        private volatile boolean swallowReply;
        private int matched;

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(Socket from, Socket to, boolean upstream) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (cut) {
                        break;
                    }
                    if (upstream) {
                        // armed before the dot goes on: the server's reply cannot overtake it
                        if (endsData(buffer, n) && dropReplyToData.compareAndSet(true, false)) {
                            swallowReply = true;
                        }
                    } else if (swallowReply) {
                        repliesDropped++;
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // the other side or cut() closed it
            } finally {
                closeQuietly(client);
                closeQuietly(server);
                open.remove(client);
                open.remove(server);
            }
        }

        /** Whether these bytes complete CR LF . CR LF, across reads. */
        private boolean endsData(byte[] bytes, int length) {
            boolean ended = false;
            for (int i = 0; i < length; i++) {
                byte b = bytes[i];
                if (b == END_OF_DATA[matched]) {
                    matched++;
                } else {
                    matched = b == END_OF_DATA[0] ? 1 : 0;
                }
                if (matched == END_OF_DATA.length) {
                    ended = true;
                    matched = 0;
                }
            }
            return ended;
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }
}
