package dev.airgen.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReferenceArray;

import tools.jackson.databind.node.ObjectNode;

/** One accepted inference task: its request, its items as they finish, or its failure. */
final class Job {

    /** Told about every finished item and about a failure, on a scheduler thread. */
    interface Listener {
        void item(Job job, ObjectNode item);

        void failed(Job job, ErrorItem error);
    }

    final String taskUUID;
    final String taskType;
    final ObjectNode request;
    final int count;
    final long startNanos = System.nanoTime();
    final long durationMillis;
    final Results.Plan plan;
    final double costPerItem;
    final boolean includeCost;
    final CompletableFuture<Job> done = new CompletableFuture<>();
    private final AtomicReferenceArray<ObjectNode> items;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile ErrorItem failure;

    Job(String taskUUID, String taskType, ObjectNode request, int count, long durationMillis, Results.Plan plan,
        double costPerItem, boolean includeCost) {
        this.taskUUID = taskUUID;
        this.taskType = taskType;
        this.request = request;
        this.count = count;
        this.durationMillis = durationMillis;
        this.plan = plan;
        this.costPerItem = costPerItem;
        this.includeCost = includeCost;
        this.items = new AtomicReferenceArray<>(count);
    }

    /** Registers a listener and tells it at once about what already happened, so nothing is missed. */
    synchronized void listen(Listener l) {
        listeners.add(l);
        for (int i = 0; i < count; i++) {
            ObjectNode it = items.get(i);
            if (it != null) {
                l.item(this, it);
            }
        }
        if (failure != null) {
            l.failed(this, failure);
        }
    }

    synchronized void complete(int index, ObjectNode item) {
        if (failure != null || items.get(index) != null) {
            return;
        }
        items.set(index, item);
        // Done before anyone hears of the last item: whoever sees it may ask for the task's state at once.
        if (finishedCount() == count) {
            done.complete(this);
        }
        listeners.forEach(l -> l.item(this, item));
    }

    synchronized void fail(ErrorItem error) {
        if (done.isDone()) {
            return;
        }
        failure = error;
        listeners.forEach(l -> l.failed(this, error));
        done.complete(this);
    }

    ErrorItem failure() {
        return failure;
    }

    int finishedCount() {
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (items.get(i) != null) {
                n++;
            }
        }
        return n;
    }

    List<ObjectNode> finishedItems() {
        List<ObjectNode> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode it = items.get(i);
            if (it != null) {
                out.add(it);
            }
        }
        return out;
    }

    /** The full state as {@code getResponse} reports it: one entry per expected item, in order. */
    List<ObjectNode> pollState() {
        List<ObjectNode> out = new ArrayList<>();
        ErrorItem f = failure;
        long elapsed = (System.nanoTime() - startNanos) / 1_000_000;
        boolean errorReported = false;
        for (int i = 0; i < count; i++) {
            ObjectNode it = items.get(i);
            ObjectNode state;
            if (it != null) {
                state = it.deepCopy();
                state.put("status", "success");
            } else if (f != null) {
                if (errorReported) {
                    continue;
                }
                errorReported = true;
                state = JsonNodes.object();
                state.put("taskType", taskType);
                state.put("taskUUID", taskUUID);
                state.put("status", "error");
                state.putObject("error").put("code", f.code()).put("message", f.message());
            } else {
                state = JsonNodes.object();
                state.put("taskType", taskType);
                state.put("taskUUID", taskUUID);
                state.put("status", "processing");
                long due = Math.max(1, durationMillis * (i + 1) / count);
                state.put("progress", (int) Math.min(99, elapsed * 100 / due));
            }
            if (count > 1) {
                state.put("resultIndex", i);
            }
            out.add(state);
        }
        return out;
    }
}
