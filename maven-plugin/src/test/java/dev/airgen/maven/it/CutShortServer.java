package dev.airgen.maven.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A local HTTP server that answers every request with the same head and the first {@code bodyBytes}
 * bytes of a body, then hangs up: for responses cut short (a dropped connection, a proxy timeout).
 */
public final class CutShortServer implements AutoCloseable {

    private final ServerSocket socket;

    public CutShortServer(String head, byte[] body, int bodyBytes) throws IOException {
        socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!socket.isClosed()) {
                try (Socket client = socket.accept()) {
                    LoopbackProxy.readHead(client.getInputStream());
                    OutputStream out = client.getOutputStream();
                    out.write(head.getBytes(StandardCharsets.US_ASCII));
                    out.write(body, 0, bodyBytes);
                    out.flush();
                } catch (IOException closed) {
                    // closed by the test, or the client gave up
                }
            }
        }, "cut-short-http");
        thread.setDaemon(true);
        thread.start();
    }

    /** Declares the whole body's length but sends only half of it. */
    public static CutShortServer halfOfDeclaredLength(byte[] body) throws IOException {
        return new CutShortServer("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n",
                body, body.length / 2);
    }

    /** The base URL, shaped like a schemas service root. */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort() + "/schemas";
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    public static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
