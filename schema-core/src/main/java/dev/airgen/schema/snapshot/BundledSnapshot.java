package dev.airgen.schema.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the snapshot that {@code airgen-model-schemas} ships ({@code airgen/snapshot/} on the classpath),
 * whether it sits in a folder (an IDE or reactor build) or inside a jar, and returns it as a {@link Path}
 * the reader can walk.
 */
public final class BundledSnapshot {

    /** Where the snapshot lives on the classpath. */
    public static final String RESOURCE_DIR = "airgen/snapshot";

    private BundledSnapshot() {
    }

    /** The bundled snapshot folder, if {@code loader} can see one. */
    public static Optional<Path> locate(ClassLoader loader) {
        URL marker = loader.getResource(RESOURCE_DIR + "/schema-map.json");
        if (marker == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(toPath(marker.toURI()).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable resource location " + marker, e);
        }
    }

    private static Path toPath(URI uri) {
        try {
            return Path.of(uri);
        } catch (FileSystemNotFoundException notOpenYet) {
            synchronized (BundledSnapshot.class) {
                try {
                    FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException openedMeanwhile) {
                    // another thread opened the jar first; its file system serves us too
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot open " + uri, e);
                }
            }
            return Path.of(uri);
        }
    }
}
