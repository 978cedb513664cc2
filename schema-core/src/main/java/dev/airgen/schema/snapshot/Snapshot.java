package dev.airgen.schema.snapshot;

import dev.airgen.schema.resolve.SchemaResolver;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot in neutral form, whatever format it was read from: request/response schemas per model,
 * architecture, modality, operation and utility, plus catalog metadata (which may name models that
 * have no schema of their own).
 *
 * @param version    the snapshot version, when the source states one
 * @param entries    schemas, sorted by kind then key
 * @param catalog    catalog metadata, sorted by AIR
 * @param resolver   resolves {@code $ref}s across every document of the snapshot
 * @param warnings   problems that did not stop reading (a model defined twice), sorted
 * @param files      the snapshot's files as they are, for tools that pass them on unchanged (the emulator
 *                   serves its bundle's bytes)
 */
public record Snapshot(String version, List<SnapshotEntry> entries, List<CatalogEntry> catalog, SchemaResolver resolver,
                       List<String> warnings, FileBytes files) {

    /** The bytes of a snapshot's files, read again on demand under the same rules as the reader's. */
    @FunctionalInterface
    public interface FileBytes {
        /**
         * The bytes of a snapshot-relative file, as they are.
         *
         * @return empty when the snapshot has no such file or may not read it (outside its folder, hidden, not JSON)
         */
        Optional<byte[]> bytes(String relativePath);
    }

    /** The bytes of one of the snapshot's files, as they are; see {@link FileBytes#bytes}. */
    public Optional<byte[]> bytes(String relativePath) {
        return files.bytes(relativePath);
    }
}
