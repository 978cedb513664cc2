package dev.airgen.runtime;

import dev.airgen.runtime.internal.JsonTrees;
import dev.airgen.runtime.internal.Log;
import dev.airgen.runtime.internal.SchemaDocuments;
import dev.airgen.runtime.internal.SchemaIndex;
import dev.airgen.runtime.internal.Validators;
import dev.airgen.runtime.internal.access.TypesAccess;
import dev.airgen.runtime.types.GeneratedObject;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.types.JsonValue;
import dev.airgen.runtime.types.TaskRequest;
import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what the caller gives (a generated request or a JSON task) into a task ready to send: its JSON, its
 * delivery (what the call needs, else what the model's schema makes the default), and its validation against
 * the model's schema, found for JSON tasks through the generated {@link SchemaIndex}.
 */
final class Requests {

    /** The reader of each result class (see {@link #resultReader}). */
    private static final ClassValue<ObjectReader> RESULT_READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return Json.mapper().readerFor(type);
        }
    };

    private final SchemaValidator validator;
    private final boolean validate;
    private final ClassLoader schemaLoader;
    private final java.util.concurrent.Executor background;
    /** Request classes whose schema has been compiled ahead (see {@link #prepareAhead}). */
    private final java.util.Set<Class<?>> preparedAhead = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Request classes whose result reader has been built ahead (see {@link #prepareResultReader}). */
    private final java.util.Set<Class<?>> readersPrepared = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile SchemaIndex index;

    /** @param background where work that a first request would otherwise wait for is done ahead (the client's executor) */
    public Requests(SchemaValidator validator, boolean validate, ClassLoader schemaLoader, java.util.concurrent.Executor background) {
        this.validator = validator;
        this.validate = validate;
        this.schemaLoader = schemaLoader;
        this.background = background;
    }

    /** A generated request, validated against the schema its class names; {@code delivery} null leaves it to the model. */
    public TaskRunner.Task prepare(TaskRequest<?> request, String delivery) {
        Objects.requireNonNull(request, "request");
        prepareAhead(request);
        ObjectNode json = toJson(request);
        ClassLoader loader = request.getClass().getClassLoader();
        applyDelivery(json, delivery, () -> SchemaDocuments.asyncByDefault(loader, request.requestSchema()));
        if (validate) {
            check(loader, request.requestSchema(), json);
        }
        return task(json);
    }

    /** A JSON task, its schema found by its model (or task type); a missing taskUUID is generated. */
    public TaskRunner.Task prepareJson(JsonValue value, String delivery) {
        Objects.requireNonNull(value, "task");
        if (!value.isObject()) {
            throw new IllegalArgumentException("a task must be a JSON object, got " + value);
        }
        ObjectNode json = (ObjectNode) JsonTrees.toNode(value);
        String taskType = Envelope.text(json, "taskType");
        if (taskType == null) {
            throw new IllegalArgumentException("task has no taskType");
        }
        if (Envelope.text(json, "taskUUID") == null) {
            json.put("taskUUID", UUID.randomUUID().toString());
        }
        String model = Envelope.text(json, "model");
        Optional<SchemaIndex.Found> found = schemaIndex().find(model, taskType);
        applyDelivery(json, delivery,
                () -> found.isPresent() && SchemaDocuments.asyncByDefault(found.get().loader(), found.get().resource()));
        if (validate) {
            if (found.isPresent()) {
                check(found.get().loader(), found.get().resource(), json);
            } else {
                Log.debug(() -> "no schema on the class path describes " + (model != null ? "model " + model : taskType)
                        + "; sending task " + Envelope.text(json, "taskUUID") + " unchecked");
            }
        }
        return task(json);
    }

    /**
     * Builds the runtime's JSON mapper, the tree of a small object of the generated kind and its bytes on
     * {@code executor}, while the caller's thread goes on building the HTTP client: the mapper and Jackson's
     * machinery for writing trees take a few hundred milliseconds to set up once, and the first request needs
     * both before it can be sent. Reading is left to {@link #prepareResultReader}, after the request. A failure
     * only means no head start.
     */
    public void warmUpJson() {
        inBackground("setting up JSON",
                () -> Json.mapper().writeValueAsBytes(TypesAccess.tree(new WarmUpObject("warm-up", 1))));
    }

    /** An object of the generated kind: it lists its properties as name/value pairs. */
    static final class WarmUpObject extends GeneratedObject {
        private final String name;
        private final Integer count;

        WarmUpObject(String name, Integer count) {
            super(null);
            this.name = name;
            this.count = count;
        }

        @Override
        protected Object[] jsonProperties() {
            return new Object[] {"name", name, "count", count};
        }

        @Override
        public String toString() {
            return describe("WarmUpObject", jsonProperties());
        }
    }

    /**
     * The first time a request class is sent, compiles its schema in the background while the caller's thread
     * turns the request into JSON (tens of milliseconds, once).
     */
    private void prepareAhead(TaskRequest<?> request) {
        if (!validate || request.requestSchema() == null || !firstTime(preparedAhead, request.getClass())) {
            return;
        }
        ClassLoader loader = request.getClass().getClassLoader();
        String schema = request.requestSchema();
        inBackground("compiling the schema of " + request.getClass().getSimpleName(),
                () -> Validators.compile(validator, loader, schema));
    }

    /**
     * The first time a request class has been handed to the transport, builds the reader of its result in the
     * background (Jackson's deserializer machinery and the class's deserializer: tens of milliseconds, once).
     * After the request rather than before: the reader is first needed when the answer arrives, so it is
     * built while the server works, and the request itself never waits for a core meanwhile.
     */
    public void prepareResultReader(TaskRequest<?> request) {
        Class<?> result = request.resultType();
        if (result == null || !firstTime(readersPrepared, request.getClass())) {
            return;
        }
        inBackground("building the result reader of " + request.getClass().getSimpleName(), () -> resultReader(result));
    }

    /** The reader of one result class, built once (by {@link #prepareResultReader} or the first answer) and kept. */
    static ObjectReader resultReader(Class<?> type) {
        return RESULT_READERS.get(type);
    }

    /** Whether {@code type} is new to {@code seen} (and now in it). Looks first: adding locks even when it is there. */
    private static boolean firstTime(java.util.Set<Class<?>> seen, Class<?> type) {
        return !seen.contains(type) && seen.add(type);
    }

    /** Runs {@code work} on the background executor; a failure there only means no head start (the caller meets it itself). */
    private void inBackground(String what, Runnable work) {
        try {
            background.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    Log.debug(() -> what + " ahead of time failed: " + e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            Log.debug(() -> "no head start for " + what + ": the executor refused the task");
        }
    }

    /** A task the client builds itself (utilities): sent as it is. */
    public static TaskRunner.Task utility(ObjectNode json) {
        return task(json);
    }

    /** Checks a generated request without preparing it. */
    public void validate(TaskRequest<?> request) {
        check(request.getClass().getClassLoader(), request.requestSchema(), toJson(request));
    }

    /** Checks a JSON task against a given schema resource. */
    public void validate(JsonValue task, String schemaResource) {
        check(schemaLoader, schemaResource, JsonTrees.toNode(task));
    }

    private SchemaIndex schemaIndex() {
        SchemaIndex i = index;
        if (i == null) {
            i = SchemaIndex.load(schemaLoader);
            index = i;
        }
        return i;
    }

    private static TaskRunner.Task task(ObjectNode json) {
        String delivery = Envelope.text(json, "deliveryMethod");
        int n = json.path("numberResults").isIntegralNumber() ? json.get("numberResults").asInt() : 1;
        return new TaskRunner.Task(Envelope.text(json, "taskUUID"), Envelope.text(json, "taskType"), json,
                "async".equals(delivery), Math.max(1, n));
    }

    private static ObjectNode toJson(TaskRequest<?> request) {
        JsonNode tree = TypesAccess.tree(request);
        if (!(tree instanceof ObjectNode json)) {
            throw new IllegalArgumentException(request.getClass().getName() + " does not serialize to a JSON object");
        }
        String type = request.taskType();
        String uuid = request.taskUUID();
        if (type == null || uuid == null) {
            throw new IllegalArgumentException(request.getClass().getName() + " has no taskType or taskUUID");
        }
        String wireType = Envelope.text(json, "taskType");
        String wireUuid = Envelope.text(json, "taskUUID");
        if (wireType != null && !wireType.equals(type) || wireUuid != null && !wireUuid.equals(uuid)) {
            throw new IllegalArgumentException(request.getClass().getName()
                    + " serializes a taskType/taskUUID different from taskType()/taskUUID()");
        }
        if (wireType == null || wireUuid == null) {
            ObjectNode ordered = Json.mapper().createObjectNode();
            ordered.put("taskType", type);
            ordered.put("taskUUID", uuid);
            ordered.setAll(json);
            json = ordered;
        }
        return json;
    }

    /**
     * Sets the delivery a call needs ({@code async} for submit, {@code stream} for stream), or, when the
     * call leaves it open and the request names none, the delivery the model's schema makes the default
     * ({@code asyncByDefault}, asked only then).
     */
    private static void applyDelivery(ObjectNode json, String delivery, BooleanSupplier asyncByDefault) {
        String current = Envelope.text(json, "deliveryMethod");
        if (delivery == null) {
            if (current == null && asyncByDefault.getAsBoolean()) {
                json.put("deliveryMethod", "async");
            } else if ("stream".equals(current)) {
                throw new IllegalArgumentException("the request asks for deliveryMethod 'stream': use stream(...)");
            }
            return;
        }
        if (current == null) {
            json.put("deliveryMethod", delivery);
        } else if (!current.equals(delivery)) {
            throw new IllegalArgumentException("request asks for deliveryMethod '" + current + "' but this call needs '"
                    + delivery + "'");
        }
        if ("stream".equals(delivery) && json.path("numberResults").asInt(1) > 1) {
            throw new IllegalArgumentException("streaming delivers one result; numberResults must be 1");
        }
    }

    private void check(ClassLoader loader, String schema, JsonNode json) {
        List<Violation> violations = Validators.validate(validator, loader, schema, json);
        if (!violations.isEmpty()) {
            throw new RunwareValidationException(Envelope.text(json, "taskType"), Envelope.text(json, "taskUUID"),
                    violations);
        }
    }
}
