package dev.airgen.runtime;

import dev.airgen.runtime.types.TaskRequest;
import dev.airgen.runtime.types.TaskResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The outcome of several tasks sent together: each task succeeded with its results or failed with
 * its own exception, independently of the others.
 */
public final class BatchResult {

    private final Map<String, TaskRequest<?>> requests = new LinkedHashMap<>();
    private final Map<String, List<?>> results = new LinkedHashMap<>();
    private final Map<String, RunwareException> failures = new LinkedHashMap<>();

    BatchResult() {
    }

    void succeeded(TaskRequest<?> request, List<?> items) {
        requests.put(request.taskUUID(), request);
        results.put(request.taskUUID(), List.copyOf(items));
    }

    void failed(TaskRequest<?> request, RunwareException failure) {
        requests.put(request.taskUUID(), request);
        failures.put(request.taskUUID(), failure);
    }

    /**
     * The results of one task of the batch.
     *
     * @throws RunwareException        that task's failure
     * @throws IllegalArgumentException when the request was not part of this batch
     */
    @SuppressWarnings("unchecked")
    public <R extends TaskResult> List<R> results(TaskRequest<R> request) {
        String uuid = request.taskUUID();
        if (!requests.containsKey(uuid)) {
            throw new IllegalArgumentException("task " + uuid + " is not part of this batch");
        }
        RunwareException failure = failures.get(uuid);
        if (failure != null) {
            throw failure;
        }
        return (List<R>) results.get(uuid);
    }

    /** The failure of one task, or empty when it succeeded. */
    public Optional<RunwareException> failure(TaskRequest<?> request) {
        return Optional.ofNullable(failures.get(request.taskUUID()));
    }

    /** The requests that succeeded, in submission order. */
    public List<TaskRequest<?>> succeeded() {
        List<TaskRequest<?>> out = new ArrayList<>();
        requests.forEach((uuid, r) -> {
            if (!failures.containsKey(uuid)) {
                out.add(r);
            }
        });
        return Collections.unmodifiableList(out);
    }

    /** The requests that failed, in submission order. */
    public List<TaskRequest<?>> failed() {
        List<TaskRequest<?>> out = new ArrayList<>();
        requests.forEach((uuid, r) -> {
            if (failures.containsKey(uuid)) {
                out.add(r);
            }
        });
        return Collections.unmodifiableList(out);
    }

    public boolean allSucceeded() {
        return failures.isEmpty();
    }

    public int size() {
        return requests.size();
    }

    /** The same outcomes listed in {@code order}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    BatchResult ordered(List<? extends TaskRequest<?>> order) {
        BatchResult out = new BatchResult();
        for (TaskRequest<?> r : order) {
            RunwareException failure = failures.get(r.taskUUID());
            if (failure != null) {
                out.failed(r, failure);
            } else if (results.containsKey(r.taskUUID())) {
                out.succeeded(r, (List) results.get(r.taskUUID()));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "BatchResult{" + (requests.size() - failures.size()) + " succeeded, " + failures.size() + " failed}";
    }
}
