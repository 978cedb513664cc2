package dev.airgen.benchmarks.client;

import dev.airgen.benchmarks.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The emulator in its own JVM on a free loopback port, so that its garbage collection and JIT do not
 * land in the client's measurements.
 */
public final class EmulatorProcess implements AutoCloseable {

    private final Process process;
    private final URI rest;
    private final URI webSocket;

    private EmulatorProcess(Process process, URI rest, URI webSocket) {
        this.process = process;
        this.rest = rest;
        this.webSocket = webSocket;
    }

    /** Starts the emulator; {@code prefix} runs before {@code java} (a CPU pinning command, or nothing). */
    public static EmulatorProcess start(List<String> prefix) throws IOException {
        // The emulator keeps its most recent tasks (about 90 MB at this load) and makes about 25 KB of garbage per
        // task. Pinned to one CPU it runs the serial collector; with the default young generation (a third of 512 MB)
        // it collected every 0.2 s and spent about 40% of its time doing so, which set the pace of every client at 16
        // and 256 in flight. A young generation of 1.5 GB lets that garbage die young: one collection a second or so.
        List<String> command = Machine.javaCommand(prefix, List.of("-Xms2g", "-Xmx2g", "-Xmn1536m"), "dev.airgen.emulator.Main");
        command.addAll(List.of("--host", "127.0.0.1", "--port", "0", "--task-duration-ms", "0"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        URI rest = null;
        URI ws = null;
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String line;
        while ((rest == null || ws == null) && System.nanoTime() < deadline && (line = out.readLine()) != null) {
            seen.add(line);
            String t = line.trim();
            if (t.startsWith("REST")) {
                rest = URI.create(t.substring(4).trim());
            } else if (t.startsWith("WebSocket")) {
                ws = URI.create(t.substring(9).trim());
            }
        }
        if (rest == null || ws == null) {
            process.destroyForcibly();
            throw new IOException("the emulator did not report its URLs; it printed: " + seen);
        }
        Thread drain = new Thread(() -> {
            try {
                while (out.readLine() != null) {
                    // keep the pipe empty so the emulator never blocks on its own output
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "emulator-output");
        drain.setDaemon(true);
        drain.start();
        return new EmulatorProcess(process, rest, ws);
    }

    public URI rest() {
        return rest;
    }

    public URI webSocket() {
        return webSocket;
    }

    /**
     * The CPU time the emulator's JVM has used so far, every thread included, in nanoseconds; -1 when the operating
     * system does not tell. With the emulator pinned to a processor of its own, its growth over a stretch of wall time
     * says how busy that processor was.
     */
    public long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(-1L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
