package dev.airgen.runtime.validation;

import dev.airgen.schema.violation.Finding;
import java.util.List;

/**
 * One broken schema rule.
 *
 * @param parameters the parameters involved as dotted names, the way Runware names parameters in its
 *                   errors and documentation: {@code inputs.frameImages},
 *                   {@code providerSettings.google.enhancePrompt}, {@code lora.weight} (no array
 *                   indices); several for cross-field rules; {@code ""} stands for the request as a whole
 * @param paths      the same places with array indices, pointing at the exact value:
 *                   {@code lora[1].weight}
 * @param keyword    the JSON Schema keyword that failed, for example {@code minimum} or {@code oneOf}
 * @param message    what is wrong, in words
 * @param schemaPath where the rule lives: the schema's IRI and a JSON pointer
 */
public record Violation(List<String> parameters, List<String> paths, String keyword, String message,
                        String schemaPath) {

    public Violation {
        parameters = List.copyOf(parameters);
        paths = List.copyOf(paths);
    }

    /** A violation whose parameter names are derived from the exact paths. */
    public static Violation at(List<String> paths, String keyword, String message, String schemaPath) {
        return new Violation(Finding.parameterNames(paths), paths, keyword, message, schemaPath);
    }

    /** The first involved parameter. */
    public String parameter() {
        return parameters.isEmpty() ? "" : parameters.get(0);
    }

    @Override
    public String toString() {
        String where = paths.isEmpty() || (paths.size() == 1 && paths.get(0).isEmpty())
                ? "(request)" : String.join(", ", paths);
        return where + ": " + message + " [" + keyword + "]";
    }
}
