package dev.airgen.benchmarks.client;

import dev.airgen.runtime.Transport;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * One client in a JVM of its own, driven by {@link ClientProcess} over its standard input and output. Sharing a JVM,
 * the clients shared its JIT profiles (the JDK's HTTP code and Jackson, compiled for whichever mix of callers it saw
 * first) and its compiler threads, and each client's figures carried some of the others' cost.
 *
 * <p>Arguments: the {@link ClientKind}, the {@link Transport}, the emulator's REST and WebSocket addresses. Once
 * connected it writes {@code READY}; then it reads one command per line and answers each with one line that starts
 * with {@link #REPLY}: {@code warm-up <in flight> <min s> <max s> <max tasks>} answers with a
 * {@link JitWarmUp.Outcome}, {@code window <in flight> <warm-up s> <measured s> <max tasks>} with a measured
 * {@link Load.Window}, {@code quit} closes the client and ends the JVM. A command it cannot run is answered with
 * {@code error} and the reason, and ends the JVM.
 */
public final class ClientWorker {

    /** The start of every answer; other output (a library's logging) is passed through as text. */
    static final String REPLY = "@client ";
    static final String READY = "ready";

    private ClientWorker() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        if (args.length != 4) {
            out.println(REPLY + "error usage: ClientWorker <client> <REST|WEBSOCKET> <rest-url> <websocket-url>");
            System.exit(2);
        }
        ClientKind kind = ClientKind.valueOf(args[0]);
        Transport transport = Transport.valueOf(args[1]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (Driver driver = kind.open(transport, URI.create(args[2]), URI.create(args[3]))) {
            out.println(REPLY + READY);
            out.flush();
            String line;
            while ((line = in.readLine()) != null && !line.equals("quit")) {
                out.println(REPLY + answer(driver, line));
                out.flush();
            }
        } catch (Exception e) {
            out.println(REPLY + "error " + String.valueOf(e).replaceAll("\\R", " "));
            out.flush();
            System.exit(1);
        }
        System.exit(0);
    }

    /** Runs one command and returns its answer (without {@link #REPLY}). */
    private static String answer(Driver driver, String command) throws InterruptedException {
        String[] f = command.split(" ");
        if (f.length != 5) {
            throw new IllegalArgumentException("not a command: " + command);
        }
        int inFlight = Integer.parseInt(f[1]);
        double a = Double.parseDouble(f[2]);
        double b = Double.parseDouble(f[3]);
        int maxTasks = Integer.parseInt(f[4]);
        return switch (f[0]) {
            case "warm-up" -> JitWarmUp.ofThisJvm(a, b)
                    .run(seconds -> Load.run(driver, inFlight, nanos(seconds), maxTasks).tasksPerSecond()).toLine();
            case "window" -> {
                Load.run(driver, inFlight, nanos(a), maxTasks);
                yield Load.run(driver, inFlight, nanos(b), maxTasks).toLine();
            }
            default -> throw new IllegalArgumentException("not a command: " + command);
        };
    }

    static long nanos(double seconds) {
        return (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    }
}
