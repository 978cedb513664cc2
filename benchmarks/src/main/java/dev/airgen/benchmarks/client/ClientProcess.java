package dev.airgen.benchmarks.client;

import dev.airgen.benchmarks.Machine;
import dev.airgen.runtime.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ClientWorker} in a JVM of its own: started on the given CPUs, asked for warm-ups and measured windows
 * one at a time, each answer awaited for a bounded time. Its other output goes to the log.
 */
final class ClientProcess implements AutoCloseable {

    /** Heap of a client's JVM: fixed, so that no client's figures include the heap growing. */
    static final List<String> JVM_OPTIONS = List.of("-Xms1g", "-Xmx1g");
    /** How long a client may take to connect, and the slack over a command's own length before it counts as hung. */
    private static final long SLACK_SECONDS = 90;
    /** Marks the end of the worker's output in {@link #replies}. */
    private static final String ENDED = "\0ended";

    private final ClientKind kind;
    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private ClientProcess(ClientKind kind, Process process, PrintStream log) {
        this.kind = kind;
        this.process = process;
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith(ClientWorker.REPLY)) {
                        replies.add(line.substring(ClientWorker.REPLY.length()));
                    } else {
                        log.println("[client]     " + kind.label + ": " + line);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            replies.add(ENDED);
        }, "client-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts one client; {@code prefix} runs before {@code java} (a CPU pinning command, or nothing). */
    static ClientProcess start(ClientKind kind, Transport transport, URI rest, URI webSocket, List<String> prefix, PrintStream log)
            throws IOException, InterruptedException {
        List<String> command = Machine.javaCommand(prefix, JVM_OPTIONS, ClientWorker.class.getName());
        command.addAll(List.of(kind.name(), transport.name(), rest.toString(), webSocket.toString()));
        ClientProcess p = new ClientProcess(kind, new ProcessBuilder(command).redirectErrorStream(true).start(), log);
        try {
            String ready = p.reply(SLACK_SECONDS);
            if (!ready.equals(ClientWorker.READY)) {
                throw new IllegalStateException(kind.label + " did not start: " + ready);
            }
        } catch (RuntimeException | InterruptedException e) {
            p.process.destroyForcibly();
            throw e;
        }
        return p;
    }

    /** Runs the client until its JIT has gone quiet (see {@link JitWarmUp}). */
    JitWarmUp.Outcome warmUp(int inFlight, double minSeconds, double maxSeconds, int maxTasks) throws IOException, InterruptedException {
        return JitWarmUp.Outcome.parse(ask("warm-up " + inFlight + " " + minSeconds + " " + maxSeconds + " " + maxTasks, maxSeconds));
    }

    /** An unmeasured warm-up window, then a measured one. */
    Load.Window window(int inFlight, double warmupSeconds, double measureSeconds, int maxTasks) throws IOException, InterruptedException {
        return Load.Window.parse(ask("window " + inFlight + " " + warmupSeconds + " " + measureSeconds + " " + maxTasks,
                warmupSeconds + measureSeconds));
    }

    private String ask(String command, double seconds) throws IOException, InterruptedException {
        commands.write(command + "\n");
        commands.flush();
        String reply = reply((long) Math.ceil(seconds) + SLACK_SECONDS);
        if (reply.startsWith("error")) {
            throw new IllegalStateException(kind.label + " failed on '" + command + "': " + reply);
        }
        return reply;
    }

    private String reply(long timeoutSeconds) throws InterruptedException {
        String reply = replies.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (reply == null) {
            throw new IllegalStateException(kind.label + " gave no answer within " + timeoutSeconds + " s");
        }
        if (reply.equals(ENDED)) {
            throw new IllegalStateException(kind.label + " ended before answering");
        }
        return reply;
    }

    /** Asks the client to close its connections and end; forces it after a bounded wait. */
    @Override
    public void close() throws InterruptedException {
        try {
            commands.write("quit\n");
            commands.flush();
        } catch (IOException e) {
            // already gone
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
