package dev.airgen.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on loopback for tests: {@code CONNECT host:port} tunnels, and absolute-form requests
 * ({@code POST http://host:port/path}) are passed on to their origin, always on loopback whatever the host
 * name says. It records the first line of every
 * request it was asked to handle, so a test can see the traffic went through it.
 */
final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    LoopbackProxy() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "loopback-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }

    List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                open.add(client);
                Thread t = new Thread(() -> serve(client), "loopback-proxy-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            String text = new String(head, StandardCharsets.ISO_8859_1);
            String line = text.substring(0, text.indexOf("\r\n"));
            requestLines.add(line);
            String[] parts = line.split(" ");
            boolean connect = parts[0].equals("CONNECT");
            String target = connect ? parts[1] : URI.create(parts[1]).getHost() + ":" + URI.create(parts[1]).getPort();
            int colon = target.lastIndexOf(':');
            // Every host is reached on loopback: tests may name a host no resolver knows, and nothing leaves the machine.
            try (Socket origin = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(target.substring(colon + 1)))) {
                open.add(origin);
                if (connect) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } else {
                    // Servers accept absolute-form requests, so the head goes on unchanged.
                    origin.getOutputStream().write(head);
                }
                Thread back = new Thread(() -> pipe(origin, client), "loopback-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, origin);
                back.join(5_000);
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            // a connection of the test's client or server went away
        }
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while (matched < 4 && (b = in.read()) >= 0) {
            out.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return out.toByteArray();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException ignored) {
            // the other side closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
