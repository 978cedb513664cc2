package dev.airgen.schema.violation;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One broken rule, with the parameters it is about.
 *
 * @param paths          the places at fault with array indices ({@code lora[1].weight}); {@code ""} is the
 *                       request as a whole; several for cross-field rules
 * @param parameters     the same places as parameter names, without indices ({@code lora.weight})
 * @param keyword        the JSON Schema keyword that failed
 * @param message        what is wrong, in words
 * @param schemaLocation where the rule lives: the schema's IRI and a JSON pointer
 */
public record Finding(List<String> paths, List<String> parameters, String keyword, String message, String schemaLocation) {

    public Finding {
        paths = List.copyOf(paths);
        parameters = List.copyOf(parameters);
    }

    /** A finding whose parameter names are its paths without array indices. */
    public static Finding at(List<String> paths, String keyword, String message, String schemaLocation) {
        return new Finding(paths, parameterNames(paths), keyword, message, schemaLocation);
    }

    /** Paths as parameter names: array indices dropped, repeats removed. */
    public static List<String> parameterNames(List<String> paths) {
        Set<String> names = new LinkedHashSet<>();
        for (String path : paths) {
            names.add(path.replaceAll("\\[\\d+]", ""));
        }
        return List.copyOf(names);
    }
}
