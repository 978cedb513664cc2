package dev.airgen.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import dev.airgen.schema.snapshot.SchemaMap;
import dev.airgen.schema.violation.Finding;
import dev.airgen.schema.violation.RunwareStyle;
import dev.airgen.schema.violation.ViolationMapper;

import tools.jackson.databind.JsonNode;

/** Picks the schema for a task and reports its schema violations as Runware-style errors ({@link RunwareStyle}). */
final class TaskValidator {

    private static final int MAX_ERRORS_PER_TASK = 20;

    record Outcome(SnapshotIndex.Target target, List<ErrorItem> errors) {
        boolean ok() {
            return errors.isEmpty();
        }
    }

    private TaskValidator() {
    }

    static Outcome validate(SnapshotIndex snapshot, CommunityModels community, JsonNode task, String taskType) {
        JsonNode modelNode = task.get("model");
        List<SnapshotIndex.Target> candidates;
        if (modelNode != null && !modelNode.isNull()) {
            if (!modelNode.isString() || modelNode.stringValue().isBlank()) {
                return failed(ErrorItem.param(400, "invalidModel", "'model' must be a model AIR such as runware:101@1", "model"));
            }
            String air = modelNode.stringValue();
            if (!snapshot.knowsModel(air)) {
                return community(snapshot, community.find(snapshot, air), air, taskType, task);
            }
            SnapshotIndex.Target own = snapshot.targetForModel(air);
            String modelTaskType = own != null && own.taskType() != null ? own.taskType()
                    : JsonNodes.text(snapshot.catalogEntry(air), "taskType");
            if (modelTaskType != null && !modelTaskType.equals(taskType)) {
                return failed(ErrorItem.param(400, "invalidTaskType",
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
    private static Outcome community(SnapshotIndex snapshot, CommunityModels.Match match, String air, String taskType,
                                     JsonNode task) {
        if (match == null) {
            return failed(ErrorItem.param(400, "unknownModel",
                    "The model '" + TaskEngine.abbreviate(air) + "' does not exist or is not available", "model"));
        }
        SnapshotIndex.Target arch = snapshot.targetForArchitecture(match.architecture(), air, null);
        if (arch == null) {
            return check(snapshot, task, snapshot.targetsForTaskType(taskType));
        }
        java.util.Set<String> served = SchemaMap.taskTypes(arch.requestSchema());
        if (!served.isEmpty() && !served.contains(taskType)) {
            return failed(ErrorItem.param(400, "invalidTaskType", "The model '" + TaskEngine.abbreviate(air) + "' is "
                    + match.reason() + " (" + match.architecture() + "), which runs " + String.join(", ", served)
                    + " tasks, not " + taskType, "taskType"));
        }
        return check(snapshot, task, List.of(arch));
    }

    private static Outcome check(SnapshotIndex snapshot, JsonNode task, List<SnapshotIndex.Target> candidates) {
        if (candidates.isEmpty()) {
            return new Outcome(null, List.of());
        }
        List<ErrorItem> firstErrors = null;
        for (SnapshotIndex.Target t : candidates) {
            List<Error> raw;
            Schema schema = snapshot.compiled(t);
            try {
                raw = schema.validate(task);
            } catch (RuntimeException e) {
                // The validator gives up on some values (1e308 against an integer bound): a bad value, so a 400.
                // Anything else is the schema's fault (a $ref it cannot resolve), the server's problem.
                List<String> extreme = Finding.parameterNames(ViolationMapper.extremeNumbers(task));
                if (extreme.isEmpty()) {
                    throw e;
                }
                String where = extreme.get(0);
                return failed(ErrorItem.param(400, "invalid" + cap(where.isEmpty() ? "Request"
                        : where.substring(where.lastIndexOf('.') + 1)), "The value of " + (where.isEmpty() ? "the request"
                        : where) + " cannot be checked: it is out of range", where.isEmpty() ? null : where));
            }
            if (raw.isEmpty()) {
                return new Outcome(t, List.of());
            }
            if (firstErrors == null) {
                firstErrors = map(raw, t, schema, snapshot.providerKeys());
            }
        }
        return new Outcome(candidates.get(0), firstErrors);
    }

    private static Outcome failed(ErrorItem e) {
        return new Outcome(null, List.of(e));
    }

    static List<ErrorItem> map(List<Error> raw, SnapshotIndex.Target target, Schema schema, Set<String> providerKeys) {
        String location = schema.getSchemaLocation().getAbsoluteIri().toString();
        ViolationMapper mapper = ViolationMapper.over(Map.of(location, schema.getSchemaNode()));
        Map<String, ErrorItem> out = new LinkedHashMap<>();
        for (Finding finding : mapper.map(raw)) {
            RunwareStyle.Coded coded = RunwareStyle.of(finding, providerKeys);
            ErrorItem mapped = new ErrorItem(400, coded.code(), coded.message(), coded.parameters(), null, null, null);
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

    static String cap(String s) {
        return RunwareStyle.cap(s);
    }
}
