package org.comity.node.evidence.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay on loopback in front of the node that, until {@link #heal()}, cuts every connection
 * once {@code cutAfter} bytes have gone from clients to the node: a network that fails mid-upload.
 */
final class CuttingRelay implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final long cutAfter;
    private final AtomicLong forwarded = new AtomicLong();
    private final AtomicBoolean cutting = new AtomicBoolean(true);
    private final AtomicBoolean cut = new AtomicBoolean();

    CuttingRelay(int target, long cutAfter) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.target = target;
        this.cutAfter = cutAfter;
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    boolean hasCut() {
        return cut.get();
    }

    void heal() {
        cutting.set(false);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket node = new Socket(InetAddress.getLoopbackAddress(), target);
                Thread.ofVirtual().start(() -> pump(client, node, true));
                Thread.ofVirtual().start(() -> pump(node, client, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean upstream) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                if (upstream && cutting.get()) {
                    long before = forwarded.getAndAdd(n);
                    if (before + n > cutAfter) {
                        int allowed = (int) Math.max(0, cutAfter - before);
                        out.write(buffer, 0, allowed);
                        out.flush();
                        cut.set(true);
                        break;
                    }
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException closed) {
            // the other direction closed the pair
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
