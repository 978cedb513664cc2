package dev.airgen.generator.emit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * Writes the source text of generated classes on background threads (one per processor) while the caller
 * goes on building specifications, and hands the classes back in the order they were submitted, so the
 * output does not depend on scheduling. Turning a specification into text is most of a generation's time
 * and touches nothing shared; a specification becomes garbage as soon as its text is written.
 */
final class SourceWriters implements AutoCloseable {

    private final ExecutorService pool;
    private final List<Future<EmittedClass>> pending = new ArrayList<>();
    /**
     * Specifications handed over but not yet written. Building them is faster than writing them, and a backlog
     * of specifications (large object graphs) survives one young collection after another, each of which then
     * copies it: unbounded, copying it took half of a whole-snapshot run. So the caller waits instead.
     */
    private final Semaphore unwritten;

    SourceWriters() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.unwritten = new Semaphore(2 * threads);
        this.pool = Executors.newFixedThreadPool(threads, work -> {
            Thread thread = new Thread(work, "airgen-source-writer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Hands a class over for writing; waits while the writers are {@code 2 × threads} classes behind. */
    void submit(Supplier<EmittedClass> write) {
        try {
            unwritten.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the generated sources", e);
        }
        pending.add(pool.submit(() -> {
            try {
                return write.get();
            } finally {
                unwritten.release();
            }
        }));
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
