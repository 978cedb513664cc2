package dev.airgen.runtime.sample;

import dev.airgen.runtime.PollingPolicy;
import dev.airgen.runtime.RunwareClient;
import dev.airgen.runtime.RunwareValidationException;
import dev.airgen.runtime.Transport;
import dev.airgen.runtime.fixtures.ImageRequest;
import java.time.Duration;

/**
 * An application that uses only the runtime (no logging backend, no SLF4J provider): it validates and sends
 * a request over each transport and has one refused offline. Run in a child JVM by the logging test.
 *
 * <p>Arguments: REST URL, WebSocket URL, API key, and optionally the one transport to use (both otherwise).
 * It ends by printing the SLF4J provider property as the run left it.
 */
public final class QuietApp {

    private QuietApp() {
    }

    public static void main(String[] args) {
        Transport[] transports = args.length > 3 ? new Transport[] {Transport.valueOf(args[3])} : Transport.values();
        for (Transport transport : transports) {
            try (RunwareClient client = RunwareClient.builder().apiKey(args[2]).transport(transport)
                    .baseUrl(args[0]).webSocketUrl(args[1])
                    .pollingPolicy(new PollingPolicy(Duration.ofMillis(20), 1.5, Duration.ofMillis(100), Duration.ofSeconds(20)))
                    .build()) {
                System.out.println(transport + " results: " + client.run(ImageRequest.of("a quiet lighthouse")).size());
                try {
                    client.run(ImageRequest.of("x").withSize(100, 100));
                } catch (RunwareValidationException e) {
                    System.out.println(transport + " refused: " + e.parameters());
                }
            }
        }
        System.out.println("slf4j.provider=" + System.getProperty("slf4j.provider"));
    }
}
