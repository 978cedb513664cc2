package dev.airgen.generator.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Writes generated files on background threads (one per processor), each piece of output a task of its own,
 * and hands the results back in the order they were submitted, so the output does not depend on scheduling.
 * Specifying a class and turning it into text is most of a generation's time and touches nothing shared; a
 * specification becomes garbage as soon as its text is written, so at most one per thread is alive. The schema
 * resources (each request's and result's schema, bundled and printed) go through it too, before the classes.
 *
 * @param <T> what one task produces
 */
public final class SourceWriters<T> implements AutoCloseable {

    private final ExecutorService pool;
    private final List<Future<T>> pending = new ArrayList<>();

    public SourceWriters() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "airgen-source-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues one task: {@code write} produces its output. */
    public void submit(Supplier<T> write) {
        pending.add(pool.submit(write::get));
    }

    /** The output of every submitted task, in submission order; a failure of one is thrown as it was thrown. */
    public List<T> inOrder() {
        List<T> out = new ArrayList<>(pending.size());
        for (Future<T> written : pending) {
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
