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

    /** The bundled snapshot, read, if {@code loader} can see one. */
    public static Optional<Snapshot> read(ClassLoader loader) {
        return locate(loader).map(SnapshotReader::read);
    }

    /** The bundled snapshot folder, if {@code loader} can see one. */
    public static Optional<Path> locate(ClassLoader loader) {
        return resource(loader, RESOURCE_DIR + "/schema-map.json").map(Path::getParent);
    }

    /**
     * A file or folder on the class path (such as the bundled examples, {@code airgen/examples}) as a {@link Path},
     * in a folder or inside a jar. A jar's file system is opened once and stays open, shared by every caller.
     */
    public static Optional<Path> resource(ClassLoader loader, String name) {
        URL url = loader.getResource(name);
        if (url == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(toPath(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("unreadable resource location " + url, e);
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
