package dev.airgen.maven.diff;

import dev.airgen.schema.diff.Change;
import dev.airgen.generator.GenerationResult;
import dev.airgen.generator.Generator;
import dev.airgen.generator.GeneratorConfig;
import dev.airgen.schema.SchemaException;
import dev.airgen.generator.api.ApiDiff;
import dev.airgen.generator.api.ApiSurface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The changes to the generated Java API that replacing one snapshot with another brings, for the build's own
 * generator settings: both snapshots are generated in memory and their public APIs compared.
 */
public final class JavaApiChanges {

    private JavaApiChanges() {
    }

    /**
     * @param before   the current snapshot, or null or a path that does not exist (then every type is new)
     * @param after    the API generated from the snapshot as the refresh would leave it
     * @param template package, includes and excludes to generate with (its snapshot is ignored)
     */
    public static List<ApiDiff.Change> between(Path before, ApiSurface after, GeneratorConfig template) {
        ApiSurface old;
        try {
            old = surface(before, template);
        } catch (SchemaException e) {
            old = ApiSurface.empty(); // the current snapshot no longer generates: everything counts as new
        }
        return ApiDiff.between(old, after);
    }

    private static ApiSurface surface(Path snapshot, GeneratorConfig template) {
        if (snapshot == null || !Files.exists(snapshot)) {
            return ApiSurface.empty();
        }
        GeneratorConfig config = new GeneratorConfig(snapshot, template.packageName(), template.includes(), template.excludes());
        try {
            GenerationResult result = new Generator().generate(config);
            return result.api();
        } catch (SchemaException e) {
            // A snapshot from which nothing matching the includes can be generated has no API to compare.
            if (e.reason().startsWith("no task schema matches")) {
                return ApiSurface.empty();
            }
            throw e;
        }
    }
}
