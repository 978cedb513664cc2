package dev.airgen.emulator;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code java -jar airgen-emulator-<version>-standalone.jar --port 8080 [--snapshot PATH]}. */
public final class Main {
    static final String USAGE = """
            Usage: java -jar airgen-emulator-standalone.jar [options]
              --port N              port to listen on (default 8080, 0 = any free port)
              --host HOST           interface to bind (default 127.0.0.1)
              --snapshot PATH       schema-map.json, or a folder with schema-map.json [and catalog.json]
              --api-key KEY         accept only this key (repeatable; default: any non-blank key)
              --task-duration-ms N  time an inference task takes (default 300)""";

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        RunwareEmulator emulator;
        try {
            emulator = launch(args);
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println("Runware emulator running (snapshot " + emulator.index().version() + ", "
                + emulator.index().airs().size() + " models)");
        System.out.println("  REST      " + emulator.baseUrl());
        System.out.println("  WebSocket " + emulator.webSocketUrl());
        System.out.println("  Schemas   " + emulator.schemasUrl());
        emulator.join();
    }

    /** Parses the command line and starts the emulator; bad options throw {@link IllegalArgumentException}. */
    static RunwareEmulator launch(String[] args) {
        RunwareEmulator.Builder b = RunwareEmulator.builder().port(8080);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> b.port(number(value(args, ++i, a), a));
                case "--host" -> b.host(value(args, ++i, a));
                case "--snapshot" -> b.snapshot(Path.of(value(args, ++i, a)));
                case "--api-key" -> keys.add(value(args, ++i, a));
                case "--task-duration-ms" -> b.taskDuration(Duration.ofMillis(number(value(args, ++i, a), a)));
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        if (!keys.isEmpty()) {
            b.apiKeys(keys.toArray(String[]::new));
        }
        return b.start();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, got '" + v + "'");
        }
    }
}
