package dev.airgen.benchmarks.client;

import dev.airgen.runtime.Transport;
import java.net.URI;

/** The clients the benchmark compares; each runs in a JVM of its own (see {@link ClientWorker}). */
enum ClientKind {
    AIRGEN("AIRgen client (validation on)"),
    AIRGEN_NO_VALIDATION("AIRgen client (validation off)"),
    BARE("bare java.net.http, same bytes");

    final String label;

    ClientKind(String label) {
        this.label = label;
    }

    /** Connects this client to the emulator over one transport. */
    Driver open(Transport transport, URI rest, URI webSocket) throws Exception {
        return switch (this) {
            case AIRGEN -> Driver.airgen(transport, rest, webSocket, true);
            case AIRGEN_NO_VALIDATION -> Driver.airgen(transport, rest, webSocket, false);
            case BARE -> transport == Transport.REST ? Driver.bareRest(rest) : Driver.bareWebSocket(webSocket);
        };
    }
}
