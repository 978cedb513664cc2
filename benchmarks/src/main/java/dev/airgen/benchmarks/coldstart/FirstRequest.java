package dev.airgen.benchmarks.coldstart;

import dev.airgen.benchmarks.Requests;
import dev.airgen.benchmarks.models.BflFlux1DevRequest;
import dev.airgen.runtime.RetryPolicy;
import dev.airgen.runtime.RunwareClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One fresh JVM sending one FLUX task to the emulator over REST and reading its answer, then printing how
 * long after the JVM's own start the request was handed to java.net.http and the answer was read:
 * {@code airgen} through the generated class and the client
 * (validated against the model's schema), {@code bare} through java.net.http and Jackson alone, sending the
 * bytes the AIRgen client writes for the same request (read from a file, with a fresh taskUUID). Arguments:
 * {@code airgen URL} or {@code bare URL FILE}, URL being the emulator's REST endpoint.
 */
public final class FirstRequest {

    static final String API_KEY = "benchmark-key";
    /** The line the parent reads: milliseconds from JVM start to the answer. */
    static final String PREFIX = "first-request-ms=";
    /** The line the parent reads: milliseconds from JVM start until the request was handed to java.net.http. */
    static final String SENT_PREFIX = "first-request-sent-ms=";

    private FirstRequest() {
    }

    public static void main(String[] args) throws Exception {
        URI rest = URI.create(args[1]);
        long sent = switch (args[0]) {
            case "airgen" -> airgen(rest);
            case "bare" -> bare(rest, Path.of(args[2]));
            default -> throw new IllegalArgumentException("airgen or bare, got " + args[0]);
        };
        long now = System.currentTimeMillis();
        long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        System.out.println(SENT_PREFIX + (sent - start));
        System.out.println(PREFIX + (now - start));
    }

    /** Sends through the client; returns when (epoch milliseconds) the client handed the validated request to java.net.http. */
    private static long airgen(URI rest) {
        SendRecorder sends = new SendRecorder();
        try (RunwareClient client = RunwareClient.builder().apiKey(API_KEY).baseUrl(rest).allowInsecureHttp(true)
                .proxy(sends).retryPolicy(RetryPolicy.NONE).requestTimeout(Duration.ofSeconds(30)).build()) {
            List<BflFlux1DevRequest.Result> results = client.run(Requests.flux());
            if (results.size() != 1 || results.get(0).imageUUID() == null) {
                throw new IllegalStateException("expected one image, got " + results);
            }
        }
        return sends.firstSendMillis();
    }

    /** Sends the prepared bytes; returns when (epoch milliseconds) they were handed to java.net.http. */
    private static long bare(URI rest, Path request) throws Exception {
        JsonMapper mapper = JsonMapper.builder().build();
        ArrayNode body = (ArrayNode) mapper.readTree(request.toFile());
        String uuid = UUID.randomUUID().toString();
        ((ObjectNode) body.get(0)).put("taskUUID", uuid);
        SendRecorder sends = new SendRecorder();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).proxy(sends).build();
        byte[] bytes = mapper.writeValueAsBytes(body);
        long before = System.currentTimeMillis();
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(rest).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("Authorization", "Bearer " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = mapper.readTree(response.body());
        if (response.statusCode() != 200 || !uuid.equals(answer.path("data").path(0).path("taskUUID").asString())) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + answer);
        }
        long sent = sends.firstSendMillis();
        if (sent < before) {
            throw new IllegalStateException("java.net.http asked for a route before the request was sent");
        }
        return sent;
    }
}
