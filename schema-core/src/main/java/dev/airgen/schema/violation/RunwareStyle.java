package dev.airgen.schema.violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A {@link Finding} the way Runware's API reports a refused request: an error code built from the keyword
 * and the parameter ({@code missingWidth}, {@code unsupportedParameter}, {@code invalidSteps},
 * {@code incompatibleParameters}, {@code unknownProviderSettingsProvider}), a sentence, and the parameters
 * as dotted names.
 */
public final class RunwareStyle {

    /**
     * One error item.
     *
     * @param code       the error code
     * @param message    the sentence
     * @param parameters the parameters at fault; empty when the request as a whole is
     */
    public record Coded(String code, String message, List<String> parameters) {
    }

    private RunwareStyle() {
    }

    /**
     * The error item for a finding.
     *
     * @param providerKeys the provider keys the snapshot's {@code providerSettings} declare, to tell a key of
     *                     another model's provider from one no provider has
     */
    public static Coded of(Finding finding, Set<String> providerKeys) {
        List<String> params = new ArrayList<>(finding.parameters());
        params.remove("");
        String first = params.isEmpty() ? null : params.get(0);
        String label = first == null ? "the request" : first;
        String because = params.size() > 1 ? " (because of " + String.join(", ", params.subList(1, params.size())) + ")" : "";
        String detail = finding.message();
        return switch (finding.keyword()) {
            case "required" -> new Coded("missing" + cap(last(first)), "Missing required parameter " + label + because, params);
            case "additionalProperties", "unevaluatedProperties" -> {
                if (first != null && first.equals("providerSettings." + last(first))) {
                    boolean known = providerKeys.contains(last(first));
                    yield known ? new Coded("mismatchProviderSettingsProvider", first + " does not belong to this model's provider", params)
                            : new Coded("unknownProviderSettingsProvider", "Unknown providerSettings provider '" + last(first) + "'", params);
                }
                yield new Coded("unsupportedParameter", "Unsupported parameter " + label + " for this model" + because, params);
            }
            case "dependentRequired", "dependencies" -> {
                // Runware lists the property that is present first, then the one it requires.
                List<String> present = params.subList(Math.min(1, params.size()), params.size());
                List<String> ordered = new ArrayList<>(present);
                if (first != null) {
                    ordered.add(first);
                }
                yield new Coded("missing" + cap(last(first)), label + " is required when " + String.join(", ", present)
                        + " is given", ordered);
            }
            case "oneOf", "anyOf", "not" -> params.size() >= 2
                    ? new Coded("incompatibleParameters", "The combination of " + String.join(", ", params)
                            + " is not allowed (" + detail + ")", params)
                    : new Coded("invalid" + cap(first == null ? "Request" : last(first)), "Invalid value for " + label + ": " + detail, params);
            default -> new Coded("invalid" + cap(first == null ? "Request" : last(first)),
                    "Invalid value for " + label + ": " + detail + because, params);
        };
    }

    /** The last segment of a dotted name. */
    private static String last(String dotted) {
        return dotted == null ? null : dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    /** {@code width} as {@code Width}, for codes; {@code Parameter} when there is no name. */
    public static String cap(String s) {
        if (s == null || s.isEmpty()) {
            return "Parameter";
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
