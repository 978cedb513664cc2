package dev.airgen.schema.snapshot;

import dev.airgen.schema.resolve.SchemaResolver;
import java.util.List;

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
 */
public record Snapshot(String version, List<SnapshotEntry> entries, List<CatalogEntry> catalog, SchemaResolver resolver,
                       List<String> warnings) {
}
