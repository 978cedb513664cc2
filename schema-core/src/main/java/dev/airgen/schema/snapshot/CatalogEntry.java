package dev.airgen.schema.snapshot;

import dev.airgen.schema.resolve.Origin;
import java.util.List;

/** Metadata of one model from a catalog source; only {@code air} is always present. */
public record CatalogEntry(String air, String slug, String name, String creator, String taskType,
                           String architecture, List<String> capabilities, String status, String releasedAt,
                           Origin origin) {

    public CatalogEntry {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    /** Fills the gaps of this entry from {@code other}, keeping this entry's values where both have one. */
    public CatalogEntry mergedWith(CatalogEntry other) {
        return new CatalogEntry(air, or(slug, other.slug), or(name, other.name), or(creator, other.creator),
                or(taskType, other.taskType), or(architecture, other.architecture),
                capabilities.isEmpty() ? other.capabilities : capabilities, or(status, other.status),
                or(releasedAt, other.releasedAt), origin);
    }

    private static String or(String a, String b) {
        return a != null ? a : b;
    }
}
