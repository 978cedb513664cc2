package dev.airgen.benchmarks.coldstart;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A proxy selector that always chooses a direct connection and notes the wall-clock time at which java.net.http
 * first asks it for a route, which it does as a request is handed to it (inside {@code send}/{@code sendAsync},
 * before any connection). Given to the HTTP client of both programs, it marks the moment each sends its first
 * request without changing how either builds its client: the AIRgen program lets its client build its own HTTP
 * client, as an application would.
 */
final class SendRecorder extends ProxySelector {

    private final AtomicLong firstSend = new AtomicLong();

    /** Milliseconds since the epoch when the first request was handed over; 0 before that. */
    long firstSendMillis() {
        return firstSend.get();
    }

    @Override
    public List<Proxy> select(URI uri) {
        firstSend.compareAndSet(0, System.currentTimeMillis());
        return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // A direct connection has no proxy to give up on; the client reports the failure itself.
    }
}
