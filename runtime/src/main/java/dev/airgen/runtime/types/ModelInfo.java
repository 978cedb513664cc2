package dev.airgen.runtime.types;

import java.util.List;
import java.util.Optional;

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
public record ModelInfo(String air, String slug, String name, String creator, String taskType,
                        String architecture, List<String> capabilities, String status, String releasedAt,
                        String requestClass, String resultClass) {

    public ModelInfo {
        capabilities = capabilities == null ? List.of() : List.copyOf(capabilities);
    }

    /** The generated request class, loaded with the class loader that holds the catalog. */
    public Optional<Class<?>> requestType() {
        return load(requestClass);
    }

    /** The generated result class, loaded with the class loader that holds the catalog. */
    public Optional<Class<?>> resultType() {
        return load(resultClass);
    }

    private Optional<Class<?>> load(String className) {
        if (className == null) {
            return Optional.empty();
        }
        try {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            return Optional.of(Class.forName(className, false, loader != null ? loader : ModelInfo.class.getClassLoader()));
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }
}
