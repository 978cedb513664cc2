package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.chat;
import static dev.airgen.emulator.TestSupport.image;
import static dev.airgen.emulator.TestSupport.pollUntil;
import static dev.airgen.emulator.TestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class RestDeliveryTest extends SharedEmulatorTest {
    @BeforeEach
    void quickTasks() {
        emulator.taskDuration(Duration.ofMillis(100));
    }

    @Test
    void syncReturnsEveryResultOfEveryTask() {
        ObjectNode a = image().put("numberResults", 3);
        ObjectNode b = image();
        TestSupport.Resp r = api(emulator, a, b);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        JsonNode data = r.json().get("data");
        assertThat(data).hasSize(4);
        long forA = stream(data).filter(d -> d.get("taskUUID").asString().equals(a.get("taskUUID").asString())).count();
        assertThat(forA).isEqualTo(3);
        for (JsonNode d : data) {
            assertThat(d.get("taskType").asString()).isEqualTo("imageInference");
            assertThat(d.get("imageUUID").asString()).isNotBlank();
            assertThat(d.get("imageURL").asString()).startsWith("http://127.0.0.1:" + emulator.port() + "/media/");
            assertThat(d.has("cost")).isFalse();
        }
        assertThat(stream(data).map(d -> d.get("imageUUID").asString()).distinct().count()).isEqualTo(4);
        assertThat(r.json().has("errors")).isFalse();
    }

    @Test
    void includeCostAddsCostToEachItem() {
        TestSupport.Resp r = api(emulator, image().put("includeCost", true).put("numberResults", 2));
        assertThat(r.json().get("data")).allSatisfy(d -> assertThat(d.get("cost").doubleValue()).isPositive());
    }

    @Test
    void asyncAcksThenPollingShowsProgressThenCumulativeSuccess() {
        emulator.taskDuration(Duration.ofMillis(1500));
        ObjectNode t = image().put("deliveryMethod", "async").put("numberResults", 3).put("includeCost", true);
        String id = t.get("taskUUID").asString();
        TestSupport.Resp ack = api(emulator, t);
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.json().get("data")).hasSize(1);
        assertThat(ack.data(0).get("taskUUID").asString()).isEqualTo(id);
        assertThat(ack.data(0).has("imageURL")).isFalse();

        TestSupport.Resp first = api(emulator, JsonNodes.object().put("taskType", "getResponse").put("taskUUID", id));
        JsonNode items = first.json().get("data");
        assertThat(items).hasSize(3);
        assertThat(items.get(2).get("status").asString()).isEqualTo("processing");
        assertThat(items.get(2).get("progress").intValue()).isBetween(0, 99);
        assertThat(items.get(2).get("taskType").asString()).isEqualTo("imageInference");

        TestSupport.Resp partial = pollUntil(emulator, id, r -> r.data(0).get("status").asString().equals("success"));
        assertThat(partial.json().get("data")).hasSize(3);

        TestSupport.Resp done = pollUntil(emulator, id, r -> stream(r.json().get("data"))
                .allMatch(d -> d.get("status").asString().equals("success")));
        JsonNode all = done.json().get("data");
        assertThat(all).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(all.get(i).get("resultIndex").intValue()).isEqualTo(i);
            assertThat(all.get(i).get("imageURL").asString()).isNotBlank();
            assertThat(all.get(i).get("cost").doubleValue()).isPositive();
        }
        // Cumulative and stable: the first item is the same one seen earlier.
        assertThat(all.get(0).get("imageUUID")).isEqualTo(partial.data(0).get("imageUUID"));
    }

    @Test
    void asyncFailureIsReportedAsErrorItem() {
        emulator.faults().failTasks(1, "providerError");
        ObjectNode t = image().put("deliveryMethod", "async");
        String id = t.get("taskUUID").asString();
        assertThat(api(emulator, t).status()).isEqualTo(200);
        TestSupport.Resp r = pollUntil(emulator, id, x -> x.data(0).get("status").asString().equals("error"));
        assertThat(r.data(0).get("error").get("code").asString()).isEqualTo("providerError");
        assertThat(r.data(0).get("error").get("message").asString()).isNotBlank();
    }

    @Test
    void videoModelsDefaultToAsync() {
        ObjectNode t = TestSupport.task("videoInference", "test:video@1").put("width", 320).put("height", 256).put("duration", 2);
        TestSupport.Resp ack = api(emulator, t);
        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.data(0).has("videoURL")).isFalse();
        TestSupport.Resp done = pollUntil(emulator, t.get("taskUUID").asString(),
                r -> r.data(0).get("status").asString().equals("success"));
        assertThat(done.data(0).get("videoURL").asString()).endsWith(".mp4");
    }

    @Test
    void streamSendsSseChunksUsageCostAndDone() throws Exception {
        ObjectNode t = chat("tell me about lighthouses").put("deliveryMethod", "stream").put("includeUsage", true)
                .put("includeCost", true);
        HttpRequest req = HttpRequest.newBuilder(emulator.baseUrl()).timeout(TestSupport.DEADLINE)
                .header("Authorization", "Bearer k").header("Accept", "text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(TestSupport.array(t))).build();
        HttpResponse<Stream<String>> r = TestSupport.CLIENT.send(req, HttpResponse.BodyHandlers.ofLines());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        List<String> events = new ArrayList<>();
        try (Stream<String> lines = r.body()) {
            lines.filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).forEach(events::add);
        }
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(JsonNodes::parse).toList();
        assertThat(chunks.size()).isGreaterThan(3);
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.get("delta").get("text").asString()));
        assertThat(text.toString()).contains("tell me about lighthouses");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.get("finishReason").asString()).isEqualTo("stop");
        assertThat(last.get("usage").get("totalTokens").intValue())
                .isEqualTo(last.get("usage").get("promptTokens").intValue() + last.get("usage").get("completionTokens").intValue());
        assertThat(last.get("cost").doubleValue()).isPositive();
        assertThat(chunks.get(0).has("usage")).isFalse();
        assertThat(chunks).allSatisfy(c -> assertThat(c.get("taskUUID").asString()).isEqualTo(t.get("taskUUID").asString()));
    }

    @Test
    void streamHonoursMaxTokens() throws Exception {
        ObjectNode t = chat("hi").put("deliveryMethod", "stream");
        t.putObject("settings").put("maxTokens", 3);
        String body = post(emulator.baseUrl(), TestSupport.array(t)).body();
        assertThat(body).contains("\"finishReason\":\"length\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void streamOnlyForTextAndAlone() {
        TestSupport.Resp r = api(emulator, image().put("deliveryMethod", "stream"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isIn("invalidDeliveryMethod", "unsupportedDeliveryMethod");
        TestSupport.Resp two = api(emulator, chat("a").put("deliveryMethod", "stream"), chat("b"));
        assertThat(two.status()).isEqualTo(200);
        assertThat(two.error(0).get("code").asString()).isEqualTo("unsupportedDeliveryMethod");
        assertThat(two.json().get("data")).hasSize(1);
    }

    @Test
    void webhookPostsEachFinishedItemToLoopbackReceiver() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            try (InputStream in = ex.getRequestBody()) {
                received.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?token=abc";
            ObjectNode t = image().put("numberResults", 2).put("webhookURL", url);
            TestSupport.Resp ack = api(emulator, t);
            assertThat(ack.status()).isEqualTo(200);
            assertThat(ack.data(0).has("imageURL")).isFalse();
            List<JsonNode> posts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                String p = received.poll(TestSupport.DEADLINE.toSeconds(), TimeUnit.SECONDS);
                assertThat(p).as("webhook POST %d", i).isNotNull();
                posts.add(JsonNodes.parse(p));
            }
            assertThat(posts).allSatisfy(p -> {
                assertThat(p.get("data").get(0).get("taskUUID").asString()).isEqualTo(t.get("taskUUID").asString());
                assertThat(p.get("data").get(0).get("imageURL").asString()).isNotBlank();
            });
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void webhookRefusesNonLoopbackTargets() {
        TestSupport.Resp r = api(emulator, image().put("webhookURL", "https://example.com/hook"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error(0).get("code").asString()).isEqualTo("invalidWebhookURL");
        assertThat(r.error(0).get("parameter").asString()).isEqualTo("webhookURL");
    }

    @Test
    void dryRunValidatesAndPricesWithoutRunning() {
        ObjectNode t = image().put("numberResults", 2);
        TestSupport.Resp r = post(emulator.baseUrl(), TestSupport.array(t), "Authorization", "Bearer k", "X-Runware-Dry-Run", "1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data(0).get("cost").doubleValue()).isPositive();
        assertThat(r.data(0).has("imageURL")).isFalse();
        TestSupport.Resp poll = api(emulator, JsonNodes.object().put("taskType", "getResponse").put("taskUUID", t.get("taskUUID").asString()));
        assertThat(poll.error(0).get("code").asString()).isEqualTo("taskNotFound");

        TestSupport.Resp bad = post(emulator.baseUrl(), TestSupport.array(image().put("width", 5)),
                "Authorization", "Bearer k", "X-Runware-Dry-Run", "1");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error(0).get("parameter").asString()).isEqualTo("width");
    }

    @Test
    void dataAndErrorsTogetherWhenSomeTasksFail() {
        ObjectNode good = image();
        ObjectNode bad = image().put("width", 99999);
        TestSupport.Resp r = api(emulator, good, bad);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.data(0).get("taskUUID").asString()).isEqualTo(good.get("taskUUID").asString());
        assertThat(r.error(0).get("taskUUID").asString()).isEqualTo(bad.get("taskUUID").asString());
        assertThat(r.error(0).get("taskType").asString()).isEqualTo("imageInference");
    }

    @Test
    void authenticationByHeaderOrLeadingTask() {
        ObjectNode auth = JsonNodes.object().put("taskType", "authentication").put("apiKey", "payload-key");
        TestSupport.Resp byPayload = post(emulator.baseUrl(), TestSupport.array(auth, image()), "Content-Type", "application/json");
        assertThat(byPayload.status()).isEqualTo(200);
        assertThat(byPayload.json().get("data")).hasSize(1);

        TestSupport.Resp none = post(emulator.baseUrl(), TestSupport.array(image()), "Content-Type", "application/json");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.error(0).get("code").asString()).isEqualTo("missingApiKey");
    }

    @Test
    void onlyConfiguredKeysAreAccepted() {
        try (RunwareEmulator strict = TestSupport.builder().apiKeys("right").start()) {
            TestSupport.Resp wrong = post(strict.baseUrl(), TestSupport.array(image()), "Authorization", "Bearer wrong");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.error(0).get("code").asString()).isEqualTo("invalidApiKey");
            TestSupport.Resp right = post(strict.baseUrl(), TestSupport.array(image()), "Authorization", "Bearer right");
            assertThat(right.status()).isEqualTo(200);
        }
    }

    @Test
    void mediaUrlsAreServedWithTheirContentType() throws Exception {
        TestSupport.Resp r = api(emulator, image().put("outputFormat", "PNG"));
        String url = r.data(0).get("imageURL").asString();
        HttpResponse<byte[]> got = TestSupport.CLIENT.send(HttpRequest.newBuilder(URI.create(url)).GET().timeout(TestSupport.DEADLINE).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.headers().firstValue("content-type")).hasValue("image/png");
        assertThat(TestSupport.get(URI.create(url.replace(".png", ".jpg"))).status()).isEqualTo(404);
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l.stream();
    }

    static String readAll(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
