package dev.airgen.runtime.validation;

import java.util.List;

/**
 * One broken schema rule.
 *
 * @param parameters the parameters involved, as dotted paths ({@code inputs.frameImages},
 *                   {@code providerSettings.google.enhancePrompt}, {@code loras[1].weight}); several
 *                   for cross-field rules; {@code ""} stands for the request as a whole
 * @param keyword    the JSON Schema keyword that failed, for example {@code minimum} or {@code oneOf}
 * @param message    what is wrong, in words
 * @param schemaPath where the rule lives: the schema's IRI and a JSON pointer
 */
public record Violation(List<String> parameters, String keyword, String message, String schemaPath) {

    public Violation {
        parameters = List.copyOf(parameters);
    }

    /** The first involved parameter. */
    public String parameter() {
        return parameters.isEmpty() ? "" : parameters.get(0);
    }

    @Override
    public String toString() {
        String where = parameters.isEmpty() || (parameters.size() == 1 && parameters.get(0).isEmpty())
                ? "(request)" : String.join(", ", parameters);
        return where + ": " + message + " [" + keyword + "]";
    }
}
