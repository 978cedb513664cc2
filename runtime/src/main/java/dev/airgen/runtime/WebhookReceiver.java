package dev.airgen.runtime;

import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.TaskResult;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks and reads the POSTs Runware sends to a task's {@code webhookURL}. Runware authenticates a
 * delivery only by the URL it was given, so the receiver puts a secret token into that URL
 * ({@link #webhookUrl}) and accepts a delivery only when the token comes back; the body is size-capped
 * and read into typed results or the task's error.
 *
 * <pre>{@code
 * WebhookReceiver hooks = WebhookReceiver.builder().build();           // a random token
 * request = request.toBuilder().webhookURL(hooks.webhookUrl(URI.create("https://app.example/hooks/runware")).toString()).build();
 * // in the HTTP handler of /hooks/runware:
 * WebhookDelivery<BflFlux1DevRequest.Result> d = hooks.receive(requestUri, body, BflFlux1DevRequest.Result.class);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe. Their {@code toString} does not show the token.
 */
public final class WebhookReceiver {

    /** The default largest body accepted: 32 MiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final String tokenParameter;
    private final byte[] token;
    private final String tokenText;
    private final int maxBodyBytes;

    private WebhookReceiver(Builder b) {
        this.tokenParameter = b.tokenParameter;
        this.tokenText = b.token != null ? b.token : HexFormat.of().formatHex(randomBytes());
        this.token = tokenText.getBytes(StandardCharsets.UTF_8);
        this.maxBodyBytes = b.maxBodyBytes;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code endpoint} with the token added as a query parameter: the URL to send as {@code webhookURL}. */
    public URI webhookUrl(URI endpoint) {
        String s = endpoint.toString();
        int hash = s.indexOf('#');
        String base = hash < 0 ? s : s.substring(0, hash);
        return URI.create(base + (endpoint.getRawQuery() == null ? "?" : "&") + tokenParameter + "="
                + URLEncoder.encode(tokenText, StandardCharsets.UTF_8));
    }

    /** Whether a request URI carries this receiver's token (compared in constant time). */
    public boolean accepts(URI requestUri) {
        String query = requestUri.getRawQuery();
        boolean found = false;
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (name.equals(tokenParameter) && eq >= 0) {
                    byte[] given = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8)
                            .getBytes(StandardCharsets.UTF_8);
                    found |= MessageDigest.isEqual(given, token);
                }
            }
        }
        return found;
    }

    /**
     * Checks a delivery and reads it.
     *
     * @param requestUri the URI the POST was made to (with its query)
     * @param body       the raw body
     * @param resultType the generated result class of the task
     * @throws RunwareException {@code AUTH}/{@code webhookRejected} when the token is missing or wrong;
     *                          {@code VALIDATION}/{@code webhookTooLarge} when the body is over the cap;
     *                          {@code malformedResponse} when the body is not a Runware answer
     */
    public <R extends TaskResult> WebhookDelivery<R> receive(URI requestUri, byte[] body, Class<R> resultType) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(resultType, "resultType");
        if (!accepts(requestUri)) {
            throw new RunwareException(ErrorCategory.AUTH, "webhookRejected",
                    "webhook delivery without the expected token; not from the task this receiver made the URL for");
        }
        if (body.length > maxBodyBytes) {
            throw new RunwareException(ErrorCategory.VALIDATION, "webhookTooLarge",
                    "webhook body of " + body.length + " bytes is over the limit of " + maxBodyBytes);
        }
        return read(new String(body, StandardCharsets.UTF_8), resultType);
    }

    /** Reads a webhook body without checking where it came from; the client's {@code parseWebhook} uses it. */
    static <R> WebhookDelivery<R> read(String body, Class<R> resultType) {
        Envelope env;
        try {
            JsonNode tree = Json.mapper().readTree(body);
            env = tree != null && tree.isObject() && !tree.has("data") && !tree.has("errors") && !tree.has("error")
                    ? new Envelope(List.of(tree), List.of()) : Envelope.parse(tree);
        } catch (JacksonException e) {
            throw Failures.malformed("webhook body is not valid JSON", 0, null);
        } catch (MalformedResponseException e) {
            throw Failures.malformed("webhook body: " + e.getMessage(), 0, null);
        }
        String uuid = null;
        for (JsonNode item : env.items()) {
            uuid = uuid != null ? uuid : Envelope.text(item, "taskUUID");
        }
        if (!env.errors().isEmpty()) {
            ApiError first = env.errors().get(0);
            return new WebhookDelivery<>(uuid != null ? uuid : first.taskUUID(), List.of(),
                    Failures.fromErrors(env.errors(), 0));
        }
        List<R> results = new ArrayList<>();
        for (JsonNode item : env.items()) {
            results.add(RunwareClient.convert(item, resultType));
        }
        return new WebhookDelivery<>(uuid, results, null);
    }

    @Override
    public String toString() {
        return "WebhookReceiver{tokenParameter=" + tokenParameter + ", token=***, maxBodyBytes=" + maxBodyBytes + "}";
    }

    /** Builds a {@link WebhookReceiver}. */
    public static final class Builder {
        private String tokenParameter = "airgenToken";
        private String token;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

        private Builder() {
        }

        /** The secret to expect; default: 24 random bytes, hex-encoded. Share it between instances of a cluster. */
        public Builder token(String token) {
            Objects.requireNonNull(token, "token");
            if (token.length() < 16) {
                throw new IllegalArgumentException("a webhook token needs at least 16 characters");
            }
            this.token = token;
            return this;
        }

        /** The query parameter that carries the token; default {@code airgenToken}. */
        public Builder tokenParameter(String name) {
            this.tokenParameter = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The largest body accepted; default {@value WebhookReceiver#DEFAULT_MAX_BODY_BYTES} bytes. */
        public Builder maxBodyBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxBodyBytes must be at least 1024");
            }
            this.maxBodyBytes = bytes;
            return this;
        }

        public WebhookReceiver build() {
            return new WebhookReceiver(this);
        }
    }
}
