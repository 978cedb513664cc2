package dev.airgen.generator.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Specifies and writes generated classes on background threads (one per processor), each class a task of its
 * own, and hands the classes back in the order they were submitted, so the output does not depend on
 * scheduling. Specifying a class and turning it into text is most of a generation's time and touches nothing
 * shared; a specification becomes garbage as soon as its text is written, so at most one per thread is alive.
 */
final class SourceWriters implements AutoCloseable {

    private final ExecutorService pool;
    private final List<Future<EmittedClass>> pending = new ArrayList<>();

    SourceWriters() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "airgen-source-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues one class: {@code write} specifies it and returns its source. */
    void submit(Supplier<EmittedClass> write) {
        pending.add(pool.submit(write::get));
    }

    /** Every submitted class, in submission order; a failure of one is thrown as it was thrown. */
    List<EmittedClass> inOrder() {
        List<EmittedClass> out = new ArrayList<>(pending.size());
        for (Future<EmittedClass> written : pending) {
            try {
                out.add(written.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while writing the generated sources", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
