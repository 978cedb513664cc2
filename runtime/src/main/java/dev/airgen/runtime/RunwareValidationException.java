package dev.airgen.runtime;

import dev.airgen.runtime.validation.Violation;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The request was rejected before it was sent because it breaks its model's JSON Schema. Lists every
 * broken rule; {@link #parameters()} names each failing parameter once, as a dotted path.
 */
public class RunwareValidationException extends RunwareException {

    private static final long serialVersionUID = 1L;

    private final transient List<Violation> violations;

    public RunwareValidationException(@Nullable String taskType, @Nullable String taskUUID, List<Violation> violations) {
        super(details(ErrorCategory.VALIDATION, "validationFailed", summary(violations))
                .parameters(parametersOf(violations))
                .taskType(taskType)
                .taskUUID(taskUUID)
                .retryable(false), null);
        this.violations = List.copyOf(violations);
    }

    /** Every broken rule, in the order the validator reported them. */
    public List<Violation> violations() {
        return violations;
    }

    private static List<String> parametersOf(List<Violation> violations) {
        Set<String> names = new LinkedHashSet<>();
        violations.forEach(v -> names.addAll(v.parameters()));
        return List.copyOf(names);
    }

    private static String summary(List<Violation> violations) {
        return "request breaks " + violations.size() + " schema rule" + (violations.size() == 1 ? "" : "s") + ": "
                + violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
