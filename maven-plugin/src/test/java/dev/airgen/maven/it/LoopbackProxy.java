package dev.airgen.maven.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP proxy for tests that records every request it gets. Plain {@code http} requests (absolute
 * URLs) are forwarded to their server and its answer is passed back; {@code CONNECT} requests (how clients
 * reach {@code https} servers through a proxy) are recorded and refused with {@code 403}, since no test
 * server speaks TLS. With credentials set, a request without the matching {@code Proxy-Authorization}
 * gets {@code 407}. One request per connection.
 */
public final class LoopbackProxy implements AutoCloseable {

    /** A request as the proxy saw it: its first line and its headers (names in lower case). */
    public record Seen(String line, Map<String, String> headers) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final ServerSocket socket;
    private final String expectedAuthorization;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** A proxy that wants no credentials. */
    public LoopbackProxy() throws IOException {
        this(null, null);
    }

    /** A proxy that wants Basic credentials; null for none. */
    public LoopbackProxy(String username, String password) throws IOException {
        expectedAuthorization = username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Thread handler = new Thread(() -> handle(client), "loopback-proxy-request");
                    handler.setDaemon(true);
                    handler.start();
                } catch (IOException closed) {
                    // closed by the test
                }
            }
        }, "loopback-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Every request so far, in arrival order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            Map<String, String> headers = new TreeMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
                }
            }
            Seen request = new Seen(lines[0], headers);
            seen.add(request);
            OutputStream out = client.getOutputStream();
            if (expectedAuthorization != null && !expectedAuthorization.equals(request.header("Proxy-Authorization"))) {
                answer(out, "407 Proxy Authentication Required", "Proxy-Authenticate: Basic realm=\"test\"\r\n");
            } else if (lines[0].startsWith("CONNECT ")) {
                answer(out, "403 Forbidden", "");
            } else {
                forward(lines, headers, out);
            }
        } catch (IOException | RuntimeException broken) {
            // the client went away; nothing to record
        }
    }

    /** Sends the request on to the server its absolute URL names, and its answer back. */
    private static void forward(String[] lines, Map<String, String> headers, OutputStream out) throws IOException {
        String[] requestLine = lines[0].split(" ");
        URI target = URI.create(requestLine[1]);
        try (Socket server = new Socket(target.getHost(), target.getPort() == -1 ? 80 : target.getPort())) {
            StringBuilder forwarded = new StringBuilder(requestLine[0]).append(' ').append(target.getRawPath())
                    .append(target.getRawQuery() == null ? "" : "?" + target.getRawQuery()).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> {
                if (!name.startsWith("proxy-") && !name.equals("connection")) {
                    forwarded.append(name).append(": ").append(value).append("\r\n");
                }
            });
            forwarded.append("connection: close\r\n\r\n");
            server.getOutputStream().write(forwarded.toString().getBytes(StandardCharsets.ISO_8859_1));
            server.getOutputStream().flush();
            server.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private static void answer(OutputStream out, String status, String extraHeaders) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + extraHeaders + "Content-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads a request or response head, up to and including the blank line. */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        byte[] end = {'\r', '\n', '\r', '\n'};
        int matched = 0;
        for (int b; matched < 4 && (b = in.read()) != -1; ) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
