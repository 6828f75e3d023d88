package org.comity.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection kept open, for the throughput phases. The drivers share two cores with
 * the nodes they measure, and the JDK's HttpClient spends about a millisecond of CPU per call on
 * its own machinery; this client writes the request and reads the answer directly, so what is
 * measured is the node. Not thread-safe: one per worker. Understands Content-Length and chunked
 * answers, nothing else (no redirects, no TLS).
 */
final class KeepAliveClient implements AutoCloseable {

    /** A status and a body. */
    record Answer(int status, String body) {}

    private final String host;
    private final int port;
    private final String authorization;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    KeepAliveClient(String baseUrl, String token) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
        this.authorization = token == null ? "" : "Authorization: Bearer " + token + "\r\n";
    }

    Answer get(String path) throws IOException {
        return exchange("GET", path, null);
    }

    Answer post(String path, String json) throws IOException {
        return exchange("POST", path, json == null ? "" : json);
    }

    /** The body, or an exception naming what was asked and what came back. */
    String expect(String method, String path, String json, int status) throws IOException {
        return expect(method, path, json, status, null);
    }

    /** The same, with one more request header ({@code "Name: value"}, or null for none). */
    String expect(String method, String path, String json, int status, String header) throws IOException {
        Answer answer = exchange(method, path, json, header);
        if (answer.status() != status) {
            String body = answer.body();
            throw new IOException(method + " " + path + " answered " + answer.status() + " instead of " + status + ": "
                    + (body.length() > 500 ? body.substring(0, 500) + "…" : body));
        }
        return answer.body();
    }

    private Answer exchange(String method, String path, String json) throws IOException {
        return exchange(method, path, json, null);
    }

    private Answer exchange(String method, String path, String json, String header) throws IOException {
        try {
            return once(method, path, json, header);
        } catch (IOException stale) {
            // The server may close a kept-alive connection between calls: one fresh attempt.
            close();
            return once(method, path, json, header);
        }
    }

    private Answer once(String method, String path, String json, String header) throws IOException {
        connect();
        byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Accept: application/json\r\n")
                .append(authorization);
        if (header != null) {
            head.append(header).append("\r\n");
        }
        if (body != null) {
            head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read();
    }

    private Answer read() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
            throw new IOException("not an HTTP/1.1 answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closing = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closing = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(length > 0 ? (int) length : 1024);
        if (chunked) {
            for (long size = Long.parseLong(line().split(";")[0].trim(), 16); size > 0; size = Long.parseLong(line().split(";")[0].trim(), 16)) {
                copy(size, body);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            copy(length, body);
        }
        if (closing) {
            close();
        }
        return new Answer(code, body.toString(StandardCharsets.UTF_8));
    }

    private void copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        long left = n;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new IOException("connection closed in the middle of an answer");
            }
            to.write(buffer, 0, r);
            left -= r;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private void connect() throws IOException {
        if (socket != null) {
            return;
        }
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** The value of the first {@code "name":"value"} in a JSON text: enough to pick an id out of an answer without parsing it. */
    static String firstString(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            throw new IllegalArgumentException("no \"" + name + "\" in the answer");
        }
        int start = at + key.length();
        return json.substring(start, json.indexOf('"', start));
    }

    /** Clients to borrow and give back, for callers on many threads (the latency phase starts one thread per request). */
    static final class Pool {
        private final java.util.concurrent.ConcurrentLinkedQueue<KeepAliveClient> idle = new java.util.concurrent.ConcurrentLinkedQueue<>();
        private final String baseUrl;
        private final String token;

        Pool(String baseUrl, String token) {
            this.baseUrl = baseUrl;
            this.token = token;
        }

        /** The body of a call expected to answer {@code status}. */
        String expect(String method, String path, String json, int status) throws IOException {
            KeepAliveClient client = idle.poll();
            if (client == null) {
                client = new KeepAliveClient(baseUrl, token);
            }
            try {
                String body = client.expect(method, path, json, status);
                idle.add(client);
                return body;
            } catch (IOException | RuntimeException e) {
                client.close();
                throw e;
            }
        }

        void closeAll() {
            for (KeepAliveClient c = idle.poll(); c != null; c = idle.poll()) {
                c.close();
            }
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
