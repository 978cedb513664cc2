package dev.airgen.runtime;

import dev.airgen.runtime.internal.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Everything a transport needs, fixed when the client is built.
 *
 * @param baseUrl              the REST endpoint (requests are POSTed to it as is)
 * @param webSocketUrl         the WebSocket endpoint
 * @param apiKey               the key
 * @param http                 the HTTP client, also used to open WebSockets
 * @param executor             runs callbacks and continuations
 * @param executorGrows        whether {@code executor} is the client's own cached pool, which adds a thread whenever
 *                             all are busy: only then may a REST call wait for its answer on one of its threads (a
 *                             supplied executor may be bounded, or shared with the HTTP client's own work)
 * @param scheduler            runs timers (retries, polls, heartbeats)
 * @param deadlines            the deadlines of tasks and frames in flight, on {@code scheduler}
 * @param requestTimeout       the longest single HTTP call, or the longest wait for a WebSocket answer
 * @param retry                the retry policy for REST calls
 * @param authTimeout          the longest wait for the WebSocket authentication answer
 * @param heartbeatInterval    how often an idle WebSocket is pinged
 * @param pongTimeout          how long a ping may go unanswered before the socket counts as dead
 * @param maxReconnectAttempts consecutive reconnect attempts before every pending task is failed
 * @param reconnectBaseDelay   the first reconnect wait; doubles per attempt
 * @param reconnectMaxDelay    the longest reconnect wait
 * @param userAgent            the User-Agent header
 * @param dryRun               whether tasks are only validated and priced by the server, not run
 */
record TransportSettings(URI baseUrl, URI webSocketUrl, Secret apiKey, HttpClient http, Executor executor, boolean executorGrows,
                                ScheduledExecutorService scheduler, Deadlines deadlines, Duration requestTimeout, RetryPolicy retry,
                                Duration authTimeout, Duration heartbeatInterval, Duration pongTimeout,
                                int maxReconnectAttempts, Duration reconnectBaseDelay, Duration reconnectMaxDelay,
                                String userAgent, boolean dryRun) {

    public TransportSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(deadlines, "deadlines");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    /**
     * A POST of {@code body} to the REST endpoint with the client's headers (key, User-Agent, dry run),
     * accepting {@code accept}, ending after {@code timeout}.
     */
    public java.net.http.HttpRequest post(byte[] body, String accept, Duration timeout) {
        java.net.http.HttpRequest.Builder request = java.net.http.HttpRequest.newBuilder(baseUrl)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .header("User-Agent", userAgent)
                .header("Authorization", "Bearer " + apiKey.reveal())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        if (dryRun) {
            request.header("X-Runware-Dry-Run", "1");
        }
        return request.build();
    }

    @Override
    public String toString() {
        return "TransportSettings{baseUrl=" + baseUrl + ", webSocketUrl=" + webSocketUrl + ", apiKey=" + apiKey
                + ", requestTimeout=" + requestTimeout + ", retry=" + retry + "}";
    }
}
