package dev.airgen.schema.snapshot;

import dev.airgen.schema.resolve.SchemaRef;
/**
 * One request schema of a snapshot with its response schema, when the snapshot has one.
 *
 * @param kind      what the schema describes
 * @param key       the AIR for models, the id for architectures, modalities and operations, the task type for utilities
 * @param slug      the documentation slug, when known
 * @param request   the request schema
 * @param response  the response schema, or null when the snapshot gives none
 */
public record SnapshotEntry(EntryKind kind, String key, String slug, SchemaRef request, SchemaRef response) {
}
