package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.SchemaRef;
import dev.airgen.schema.snapshot.SnapshotEntry;

/**
 * One task the generator emits a request class for: the snapshot entry, its typed request and result, and
 * the schemas they came from (written out as resources for validation).
 *
 * @param entry           the snapshot entry
 * @param taskType        the constant {@code taskType} of the request
 * @param request         the request type (never shared with another task)
 * @param result          the result type (shared with tasks whose results have the same shape)
 * @param responseSchema  the response schema used: the entry's own, or the standard one for its task type
 */
public record TaskModel(SnapshotEntry entry, String taskType, ObjectType request, ObjectType result,
                        SchemaRef responseSchema) {
}
