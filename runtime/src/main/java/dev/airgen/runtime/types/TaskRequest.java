package dev.airgen.runtime.types;

/**
 * A request for one Runware task, tied to the type of result it produces.
 *
 * <p>Generated request classes implement this; the client uses it to pick the result type and the
 * schema to validate against, so users never pass either by hand.
 *
 * @param <R> the result type of this task
 */
public interface TaskRequest<R extends TaskResult> {

    /** The wire value of {@code taskType}, for example {@code imageInference}. */
    String taskType();

    /** The client-chosen UUID that identifies this task and its results. */
    String taskUUID();

    /** The class results of this task are read into. */
    Class<R> resultType();

    /**
     * The classpath resource (absolute, starting with {@code /}) holding the JSON Schema this request
     * is validated against before it is sent.
     */
    String requestSchema();
}
