package dev.airgen.maven;

import dev.airgen.emulator.RunwareEmulator;
import dev.airgen.schema.snapshot.Snapshot;
import dev.airgen.schema.snapshot.SnapshotReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Refresh tests against the emulator's schemas service: one emulator per class, and a refresher that logs into {@link #log}. */
abstract class RefreshTestBase {

    static RunwareEmulator emulator;

    @TempDir
    Path dir;

    /** Everything the refresher logged, information and warnings alike. */
    final List<String> log = new ArrayList<>();

    @BeforeAll
    static void startEmulator() {
        emulator = RunwareEmulator.start();
    }

    /** A release made of one {@code schema-map.json}, for the emulator to publish. */
    static Snapshot release(String schemaMapJson) {
        return SnapshotReader.read(Map.of("schema-map.json", schemaMapJson.getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    SnapshotRefresher refresher(String url, RefreshProxy proxy) {
        return new SnapshotRefresher(url, new SnapshotDownloader.Policy(SnapshotDownloader.Policy.DEFAULT_MAX_BYTES, Duration.ofSeconds(2),
                Duration.ofSeconds(30), java.util.Set.of()), proxy, log::add, log::add);
    }

    SnapshotRefresher refresher(String url) {
        return refresher(url, RefreshProxy.jvm());
    }
}
