package dev.airgen.runtime;

import dev.airgen.runtime.types.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * One piece of a streamed text answer.
 *
 * @param taskUUID         the task
 * @param text             new answer text, possibly empty
 * @param reasoningContent new reasoning text, when the model streams its reasoning; else empty
 * @param finishReason     why generation stopped ({@code stop}, {@code length}, ...), only on the last piece
 * @param usage            token counts, only on the last piece and only when requested
 * @param cost             the cost in USD, only on the last piece and only when requested
 * @param raw              the chunk as received
 */
public record TextChunk(String taskUUID, String text, String reasoningContent, @Nullable String finishReason,
                        @Nullable JsonValue usage, @Nullable Double cost, JsonValue raw) {
}
