package dev.airgen.runtime;

/**
 * Receives a streamed text answer piece by piece. Calls come from one thread, in order; an exception
 * thrown by a callback ends the stream and fails its future.
 */
@FunctionalInterface
public interface StreamListener {

    /** A new piece arrived. */
    void onChunk(TextChunk chunk);

    /** The stream ended normally. */
    default void onComplete(TextStreamResult result) {
    }

    /** The stream failed; no further calls follow. */
    default void onError(RunwareException error) {
    }
}
