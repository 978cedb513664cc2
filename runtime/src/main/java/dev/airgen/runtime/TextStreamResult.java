package dev.airgen.runtime;

import dev.airgen.runtime.types.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * A streamed text answer put back together.
 *
 * @param taskUUID         the task
 * @param text             the whole answer text
 * @param reasoningContent the whole reasoning text, empty when none was streamed
 * @param finishReason     why generation stopped, when the server said
 * @param usage            token counts, when requested
 * @param cost             the cost in USD, when requested
 * @param chunks           how many chunks carried it
 */
public record TextStreamResult(String taskUUID, String text, String reasoningContent, @Nullable String finishReason,
                               @Nullable JsonValue usage, @Nullable Double cost, int chunks) {
}
