package dev.airgen.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import tools.jackson.databind.JsonNode;

/** Picks the schema for a task and turns schema violations into Runware-style errors. */
final class TaskValidator {

    /** Provider keys seen in Runware's providerSettings, to tell a wrong provider from an unknown one. */
    private static final Set<String> KNOWN_PROVIDERS = Set.of("google", "klingai", "bytedance", "minimax",
            "pixverse", "vidu", "openai", "bfl", "ideogram", "runway", "lightricks", "alibaba", "elevenlabs",
            "bria", "sync", "lumaai", "midjourney", "mirelo", "sourceful", "recraft", "xai", "prunaai");

    private static final Set<String> COMBINATORS = Set.of("oneOf", "anyOf", "not");
    private static final int MAX_ERRORS_PER_TASK = 20;

    record Outcome(Snapshot.Target target, List<ApiError> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private TaskValidator() {
    }

    static Outcome validate(Snapshot snapshot, CommunityModels community, JsonNode task, String taskType) {
        JsonNode modelNode = task.get("model");
        List<Snapshot.Target> candidates;
        if (modelNode != null && !modelNode.isNull()) {
            if (!modelNode.isString() || modelNode.stringValue().isBlank()) {
                return failed(ApiError.param(400, "invalidModel", "'model' must be a model AIR such as runware:101@1", "model"));
            }
            String air = modelNode.stringValue();
            if (!snapshot.knowsModel(air)) {
                return community(snapshot, community.find(snapshot, air), air, taskType, task);
            }
            Snapshot.Target own = snapshot.targetForModel(air);
            String modelTaskType = own != null && own.taskType() != null ? own.taskType()
                    : Json.text(snapshot.catalogEntry(air), "taskType");
            if (modelTaskType != null && !modelTaskType.equals(taskType)) {
                return failed(ApiError.param(400, "invalidTaskType",
                        "The model '" + air + "' runs " + modelTaskType + " tasks, not " + taskType, "taskType"));
            }
            candidates = own != null ? List.of(own) : snapshot.targetsForTaskType(taskType);
        } else {
            candidates = snapshot.targetsForTaskType(taskType);
        }
        return check(snapshot, task, candidates);
    }

    /**
     * A model the snapshot does not list: run as its architecture when one is known (and only for the
     * task types that architecture serves), else as whatever its task type is.
     */
    private static Outcome community(Snapshot snapshot, CommunityModels.Match match, String air, String taskType,
                                     JsonNode task) {
        if (match == null) {
            return failed(ApiError.param(400, "unknownModel",
                    "The model '" + TaskEngine.abbreviate(air) + "' does not exist or is not available", "model"));
        }
        Snapshot.Target arch = snapshot.targetForArchitecture(match.architecture(), air, null);
        if (arch == null) {
            return check(snapshot, task, snapshot.targetsForTaskType(taskType));
        }
        java.util.Set<String> served = Snapshot.taskTypesOf(arch.requestSchema());
        if (!served.isEmpty() && !served.contains(taskType)) {
            return failed(ApiError.param(400, "invalidTaskType", "The model '" + TaskEngine.abbreviate(air) + "' is "
                    + match.reason() + " (" + match.architecture() + "), which runs " + String.join(", ", served)
                    + " tasks, not " + taskType, "taskType"));
        }
        return check(snapshot, task, List.of(arch));
    }

    private static Outcome check(Snapshot snapshot, JsonNode task, List<Snapshot.Target> candidates) {
        if (candidates.isEmpty()) {
            return new Outcome(null, List.of());
        }
        List<ApiError> firstErrors = null;
        for (Snapshot.Target t : candidates) {
            List<Error> raw = snapshot.compiled(t).validate(task);
            if (raw.isEmpty()) {
                return new Outcome(t, List.of());
            }
            if (firstErrors == null) {
                firstErrors = map(raw, t);
            }
        }
        return new Outcome(candidates.get(0), firstErrors);
    }

    private static Outcome failed(ApiError e) {
        return new Outcome(null, List.of(e));
    }

    static List<ApiError> map(List<Error> raw, Snapshot.Target target) {
        List<String> combinatorPaths = new ArrayList<>();
        for (Error e : raw) {
            if (COMBINATORS.contains(e.getKeyword())) {
                combinatorPaths.add(e.getEvaluationPath().toString());
            }
        }
        Map<String, ApiError> out = new LinkedHashMap<>();
        for (Error e : raw) {
            String eval = e.getEvaluationPath().toString();
            boolean explainsCombinator = combinatorPaths.stream().anyMatch(c -> eval.startsWith(c + "/"));
            if (explainsCombinator) {
                continue;
            }
            ApiError mapped = mapOne(e, target.requestSchema());
            if (target.slug() != null && target.key().startsWith("inference:") && !mapped.parameters().isEmpty()) {
                mapped = mapped.withDocumentation("https://runware.ai/docs/models/" + target.slug() + "#request-"
                        + mapped.parameters().get(0).replace(".", "-").toLowerCase(Locale.ROOT));
            }
            out.putIfAbsent(mapped.code() + "|" + mapped.parameters(), mapped);
            if (out.size() >= MAX_ERRORS_PER_TASK) {
                break;
            }
        }
        return new ArrayList<>(out.values());
    }

    private static ApiError mapOne(Error e, JsonNode rootSchema) {
        List<String> names = names(e.getInstanceLocation());
        String prefix = names.isEmpty() ? "" : String.join(".", names) + ".";
        String here = names.isEmpty() ? null : String.join(".", names);
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        String detail = e.getMessage();
        ApiError result;
        switch (keyword) {
            case "required" -> {
                String p = prefix + e.getProperty();
                result = ApiError.param(400, "missing" + cap(e.getProperty()), "Missing required parameter " + p, p);
            }
            case "additionalProperties", "unevaluatedProperties" -> {
                String p = prefix + e.getProperty();
                if ("providerSettings".equals(here)) {
                    boolean known = KNOWN_PROVIDERS.contains(e.getProperty());
                    result = ApiError.param(400, known ? "mismatchProviderSettingsProvider" : "unknownProviderSettingsProvider",
                            known ? "providerSettings." + e.getProperty() + " does not belong to this model's provider"
                                    : "Unknown providerSettings provider '" + e.getProperty() + "'", p);
                } else {
                    result = ApiError.param(400, "unsupportedParameter", "Unsupported parameter " + p + " for this model", p);
                }
            }
            case "dependentRequired", "dependencies" -> {
                Object[] args = e.getArguments();
                String missing = args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
                String present = e.getProperty() != null ? e.getProperty() : (args != null && args.length > 1 ? String.valueOf(args[1]) : "?");
                result = new ApiError(400, "missing" + cap(missing),
                        prefix + missing + " is required when " + prefix + present + " is given",
                        List.of(prefix + present, prefix + missing), null, null, null);
            }
            case "oneOf", "anyOf", "not" -> {
                Set<String> involved = new LinkedHashSet<>();
                collectProperties(e.getSchemaNode(), involved);
                if (involved.size() >= 2) {
                    List<String> params = involved.stream().map(p -> prefix + p).toList();
                    String titles = branchTitles(e.getSchemaNode());
                    result = new ApiError(400, "incompatibleParameters",
                            "The combination of " + String.join(", ", params) + " is not allowed ("
                                    + detail + ")" + (titles.isEmpty() ? "" : "; allowed: " + titles),
                            params, null, null, null);
                } else if (involved.size() == 1) {
                    String p = prefix + involved.iterator().next();
                    result = ApiError.param(400, "invalid" + cap(involved.iterator().next()), "Invalid value for " + p + ": " + detail, p);
                } else {
                    String consts = constValues(e.getSchemaNode());
                    String label = here == null ? "the request" : here;
                    result = ApiError.param(400, "invalid" + cap(last(names, "Request")),
                            "Invalid value for " + label + (consts.isEmpty() ? ": " + detail : ": must be one of " + consts), here);
                }
            }
            default -> result = ApiError.param(400, "invalid" + cap(last(names, "Request")),
                    "Invalid value for " + (here == null ? "the request" : here) + ": " + detail, here);
        }
        return conditional(e, rootSchema, result);
    }

    /** A failure inside {@code then}/{@code else} is a cross-field rule: name the fields of its {@code if} too. */
    private static ApiError conditional(Error e, JsonNode rootSchema, ApiError result) {
        List<String> segments = List.of(e.getEvaluationPath().toString().split("/"));
        int at = Math.max(segments.lastIndexOf("then"), segments.lastIndexOf("else"));
        if (at < 0 || rootSchema == null) {
            return result;
        }
        JsonNode node = rootSchema;
        for (int i = 0; i < at && node != null; i++) {
            String s = segments.get(i);
            if (s.isEmpty()) {
                continue;
            }
            node = node.isArray() ? node.get(parseIndex(s)) : node.get(s);
        }
        JsonNode ifSchema = node == null ? null : node.get("if");
        if (ifSchema == null) {
            return result;
        }
        Set<String> cause = new LinkedHashSet<>();
        collectProperties(ifSchema, cause);
        Set<String> params = new LinkedHashSet<>(result.parameters());
        params.addAll(cause);
        if (params.size() == result.parameters().size()) {
            return result;
        }
        return new ApiError(result.httpStatus(), result.code(),
                result.message() + " (because of " + String.join(", ", cause) + ")",
                new ArrayList<>(params), null, null, null);
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** Property names a rule talks about, without descending into the properties' own schemas. */
    private static void collectProperties(JsonNode schema, Set<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.isArray()) {
            schema.forEach(s -> collectProperties(s, into));
            return;
        }
        if (!schema.isObject()) {
            return;
        }
        schema.path("properties").propertyNames().forEach(into::add);
        schema.path("required").forEach(r -> {
            if (r.isString()) {
                into.add(r.stringValue());
            }
        });
        schema.path("dependentRequired").propertyNames().forEach(into::add);
        for (String k : List.of("oneOf", "anyOf", "allOf", "not", "if", "then", "else")) {
            collectProperties(schema.get(k), into);
        }
    }

    private static String branchTitles(JsonNode branches) {
        List<String> titles = new ArrayList<>();
        if (branches != null && branches.isArray()) {
            for (JsonNode b : branches) {
                String t = Json.text(b, "title");
                if (t != null) {
                    titles.add(t);
                }
            }
        }
        return String.join(" | ", titles);
    }

    private static String constValues(JsonNode branches) {
        List<String> values = new ArrayList<>();
        if (branches != null && branches.isArray()) {
            for (JsonNode b : branches) {
                JsonNode c = b.get("const");
                if (c == null || c.isContainer()) {
                    return "";
                }
                values.add(c.asString());
            }
        }
        return String.join(", ", values);
    }

    private static List<String> names(NodePath path) {
        List<String> out = new ArrayList<>();
        if (path == null) {
            return out;
        }
        for (int i = 0; i < path.getNameCount(); i++) {
            Object el = path.getElement(i);
            if (el instanceof String s) {
                out.add(s);
            }
        }
        return out;
    }

    private static String last(List<String> names, String fallback) {
        return names.isEmpty() ? fallback : names.get(names.size() - 1);
    }

    static String cap(String s) {
        if (s == null || s.isEmpty()) {
            return "Parameter";
        }
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
