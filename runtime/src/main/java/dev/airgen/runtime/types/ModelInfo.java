package dev.airgen.runtime.types;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Catalog metadata of one model, as generated from the snapshot.
 *
 * @param air           the AIR identifier, for example {@code runware:101@1}
 * @param slug          the documentation slug, for example {@code bfl-flux-1-dev}
 * @param name          the display name, when the catalog has one
 * @param creator       the creator or provider id, for example {@code klingai}
 * @param taskType      the task type the model runs
 * @param architecture  the architecture id for community-style models, when known
 * @param capabilities  capability ids such as {@code io:text-to-image}
 * @param status        the catalog status, for example {@code live}
 * @param releasedAt    the release date as given by the catalog (ISO-8601), when known
 * @param requestClass  the fully qualified generated request class, when one exists
 * @param resultClass   the fully qualified generated result class, when one exists
 */
public record ModelInfo(String air, @Nullable String slug, @Nullable String name, @Nullable String creator,
                        @Nullable String taskType, @Nullable String architecture, List<String> capabilities,
                        @Nullable String status, @Nullable String releasedAt, @Nullable String requestClass,
                        @Nullable String resultClass) {

    public ModelInfo {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }
}
