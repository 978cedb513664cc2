package dev.airgen.emulator;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code java -jar airgen-emulator-<version>-standalone.jar --port 8080 [--snapshot PATH]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        RunwareEmulator.Builder b = RunwareEmulator.builder().port(8080);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                case "--port" -> b.port(Integer.parseInt(value(args, ++i, a)));
                case "--host" -> b.host(value(args, ++i, a));
                case "--snapshot" -> b.snapshot(Path.of(value(args, ++i, a)));
                case "--api-key" -> keys.add(value(args, ++i, a));
                case "--task-duration-ms" -> b.taskDuration(Duration.ofMillis(Long.parseLong(value(args, ++i, a))));
                default -> {
                    System.err.println("Unknown option: " + a);
                    usage();
                    System.exit(2);
                }
            }
        }
        if (!keys.isEmpty()) {
            b.apiKeys(keys.toArray(String[]::new));
        }
        RunwareEmulator emulator = b.start();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
        System.out.println("Runware emulator running (snapshot " + emulator.snapshot().version() + ", "
                + emulator.snapshot().airs().size() + " models)");
        System.out.println("  REST      " + emulator.baseUrl());
        System.out.println("  WebSocket " + emulator.webSocketUrl());
        System.out.println("  Schemas   " + emulator.schemasUrl());
        emulator.join();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("""
                Usage: java -jar airgen-emulator-standalone.jar [options]
                  --port N              port to listen on (default 8080, 0 = any free port)
                  --host HOST           interface to bind (default 127.0.0.1)
                  --snapshot PATH       schema-map.json, or a folder with schema-map.json [and catalog.json]
                  --api-key KEY         accept only this key (repeatable; default: any non-blank key)
                  --task-duration-ms N  time an inference task takes (default 300)""");
    }
}
