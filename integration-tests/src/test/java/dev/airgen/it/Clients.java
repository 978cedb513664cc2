package dev.airgen.it;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.PollingPolicy;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.Transport;
import java.time.Duration;

/** One emulator and a client per transport, tuned so that async polling takes milliseconds, not seconds. */
final class Clients implements AutoCloseable {

    static final String API_KEY = "it-test-key-7c1d";

    final RunwareEmulator emulator;
    final RunwareClient rest;
    final RunwareClient webSocket;

    Clients() {
        emulator = RunwareEmulator.builder().apiKeys(API_KEY).taskDuration(Duration.ofMillis(5)).start();
        rest = client(Transport.REST);
        webSocket = client(Transport.WEBSOCKET);
    }

    RunwareClient client(Transport transport) {
        return RunwareClient.builder()
                .apiKey(API_KEY)
                .baseUrl(emulator.baseUrl())
                .webSocketUrl(emulator.webSocketUrl())
                .transport(transport)
                .pollingPolicy(new PollingPolicy(Duration.ofMillis(5), 1.5, Duration.ofMillis(100), Duration.ofSeconds(30)))
                .timeout(Duration.ofSeconds(30))
                .build();
    }

    RunwareClient of(Transport transport) {
        return transport == Transport.REST ? rest : webSocket;
    }

    @Override
    public void close() {
        rest.close();
        webSocket.close();
        emulator.close();
    }
}
