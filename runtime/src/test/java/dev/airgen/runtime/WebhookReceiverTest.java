package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.runtime.fixtures.ImageResult;
import dev.airgen.runtime.types.JsonValue;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The webhook receiver: the URL it makes, what it accepts, and real deliveries from the emulator. */
@Timeout(60)
class WebhookReceiverTest {

    private final WebhookReceiver receiver = WebhookReceiver.builder().token("a-shared-secret-of-some-length").build();

    @Test
    void theUrlCarriesTheTokenAndOnlyThatTokenIsAccepted() {
        URI url = receiver.webhookUrl(URI.create("https://app.example/hooks/runware?tenant=7"));
        assertThat(url.toString()).startsWith("https://app.example/hooks/runware?tenant=7&airgenToken=");
        assertThat(receiver.accepts(url)).isTrue();
        assertThat(receiver.accepts(URI.create("https://app.example/hooks/runware?tenant=7"))).isFalse();
        assertThat(receiver.accepts(URI.create("https://app.example/hooks/runware?airgenToken=a-shared-secret-of-some-lengtX")))
                .isFalse();
        assertThat(receiver.toString()).doesNotContain("secret");
        assertThat(WebhookReceiver.builder().build().webhookUrl(URI.create("https://a.example/h")).getQuery())
                .as("a random token by default").matches("airgenToken=[0-9a-f]{48}");
    }

    @Test
    void aDeliveryWithoutTheTokenOrTooLargeIsRefusedWithoutReadingIt() {
        byte[] body = "{\"data\":[]}".getBytes(StandardCharsets.UTF_8);
        RunwareException e = catchThrowableOfType(RunwareException.class,
                () -> receiver.receive(URI.create("https://app.example/hooks/runware"), body, ImageResult.class));
        assertThat(e.category()).isEqualTo(ErrorCategory.AUTH);
        assertThat(e.code()).isEqualTo("webhookRejected");

        WebhookReceiver small = WebhookReceiver.builder().token("a-shared-secret-of-some-length").maxBodyBytes(1024).build();
        e = catchThrowableOfType(RunwareException.class, () -> small.receive(small.webhookUrl(URI.create("https://a.example/h")),
                new byte[2048], ImageResult.class));
        assertThat(e.code()).isEqualTo("webhookTooLarge");

        e = catchThrowableOfType(RunwareException.class, () -> receiver.receive(receiver.webhookUrl(URI.create("https://a.example/h")),
                "not json".getBytes(StandardCharsets.UTF_8), ImageResult.class));
        assertThat(e.code()).isEqualTo("malformedResponse");
    }

    @Test
    void deliveriesFromTheEmulatorAreReadIntoTypedResultsOrTheTasksError() throws Exception {
        List<WebhookDelivery<ImageResult>> deliveries = new CopyOnWriteArrayList<>();
        List<RunwareException> refused = new CopyOnWriteArrayList<>();
        HttpServer app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        app.createContext("/hooks/runware", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            try {
                deliveries.add(receiver.receive(exchange.getRequestURI(), body, ImageResult.class));
                exchange.sendResponseHeaders(204, -1);
            } catch (RunwareException e) {
                refused.add(e);
                exchange.sendResponseHeaders(403, -1);
            }
            exchange.close();
        });
        app.start();
        // the bundled snapshot: real models take a webhookURL
        try (RunwareEmulator emulator = RunwareEmulator.builder().apiKeys(EmulatorSupport.KEY)
                .taskDuration(Duration.ofMillis(30)).start();
             RunwareClient client = EmulatorSupport.client(emulator, Transport.REST).build()) {
            URI hook = receiver.webhookUrl(URI.create("http://127.0.0.1:" + app.getAddress().getPort() + "/hooks/runware"));
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("taskType", "imageInference");
            json.put("model", "runware:101@1");
            json.put("positivePrompt", "sent to a webhook");
            json.put("width", 512);
            json.put("height", 512);
            json.put("numberResults", 2);
            json.put("webhookURL", hook.toString());
            TaskHandle<JsonValue> handle = client.submitJson(JsonValue.of(json));
            handle.await(Duration.ofSeconds(20));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (deliveries.size() < 2 && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            assertThat(refused).isEmpty();
            assertThat(deliveries).hasSize(2).allSatisfy(d -> {
                assertThat(d.failed()).isFalse();
                assertThat(d.taskUUID()).isEqualTo(handle.taskUUID());
                assertThat(d.results()).singleElement().satisfies(r -> assertThat(r.imageUUID()).isNotBlank());
            });
        } finally {
            app.stop(0);
        }
        WebhookDelivery<ImageResult> failure = receiver.receive(receiver.webhookUrl(URI.create("https://a.example/h")),
                "{\"errors\":[{\"code\":\"inferenceError\",\"message\":\"it broke\",\"taskUUID\":\"t-1\"}]}"
                        .getBytes(StandardCharsets.UTF_8), ImageResult.class);
        assertThat(failure.failed()).isTrue();
        assertThat(failure.taskUUID()).isEqualTo("t-1");
        assertThat(failure.failure()).get().satisfies(e -> assertThat(e.code()).isEqualTo("inferenceError"));
    }
}
