package dev.airgen.runtime;

import dev.airgen.runtime.internal.JsonTrees;
import dev.airgen.runtime.types.JsonValue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;

/** Puts a streamed text answer together from its server-sent chunks, telling the listener about each. */
final class TextStreams {

    private TextStreams() {
    }

    /**
     * Streams {@code task} and completes with the whole answer; the listener hears each chunk, then the end or
     * the failure. A failure while {@code closing} says the client was closed.
     */
    public static CompletableFuture<TextStreamResult> stream(SseStream sse, TaskRunner.Task task, StreamListener listener,
                                                             long deadlineNanos, BooleanSupplier closing) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String[] finish = new String[1];
        JsonValue[] usage = new JsonValue[1];
        Double[] cost = new Double[1];
        AtomicInteger count = new AtomicInteger();
        CompletableFuture<TextStreamResult> out = new CompletableFuture<>();
        sse.stream(task.json(), chunk -> {
            JsonNode delta = chunk.path("delta");
            String t = delta.path("text").isString() ? delta.get("text").asString()
                    : chunk.path("text").isString() ? chunk.get("text").asString() : "";
            String r = delta.path("reasoningContent").isString() ? delta.get("reasoningContent").asString() : "";
            String f = chunk.path("finishReason").isString() ? chunk.get("finishReason").asString() : null;
            JsonValue u = chunk.has("usage") && !chunk.get("usage").isNull() ? JsonTrees.toValue(chunk.get("usage")) : null;
            Double c = chunk.path("cost").isNumber() ? chunk.get("cost").asDouble() : null;
            text.append(t);
            reasoning.append(r);
            if (f != null) {
                finish[0] = f;
            }
            if (u != null) {
                usage[0] = u;
            }
            if (c != null) {
                cost[0] = c;
            }
            count.incrementAndGet();
            String uuid = Envelope.text(chunk, "taskUUID");
            listener.onChunk(new TextChunk(uuid != null ? uuid : task.uuid(), t, r, f, u, c, JsonTrees.toValue(chunk)));
        }, deadlineNanos).whenComplete((v, failure) -> {
            if (failure != null) {
                // Whatever the stream died of while the client was closing, the cause is the close.
                RunwareException e = closing.getAsBoolean()
                        ? new RunwareTransportException(ErrorCategory.ABORTED, Failures.ABORTED, "the client was closed",
                        Failures.unwrap(failure))
                        : Failures.wrap(failure);
                safeError(listener, e);
                out.completeExceptionally(e);
                return;
            }
            TextStreamResult result = new TextStreamResult(task.uuid(), text.toString(), reasoning.toString(), finish[0],
                    usage[0], cost[0], count.get());
            try {
                listener.onComplete(result);
                out.complete(result);
            } catch (RuntimeException e) {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    /** Tells the listener about a failure; one that throws changes nothing (the future reports it too). */
    public static void safeError(StreamListener listener, RunwareException e) {
        try {
            listener.onError(e);
        } catch (RuntimeException ignored) {
            // the failure is reported through the future as well
        }
    }
}
