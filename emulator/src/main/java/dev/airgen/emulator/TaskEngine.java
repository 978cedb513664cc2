package dev.airgen.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Runs tasks for both transports: validation, jobs, polling, utilities, webhooks. */
final class TaskEngine implements AutoCloseable {

    enum Delivery { SYNC, ASYNC, STREAM }

    /** Who sends the task and how. */
    record Ctx(String apiKey, boolean dryRun) {
    }

    /** The answer to one task: immediate items and errors, or a running job. */
    record Outcome(List<ObjectNode> data, List<ErrorItem> errors, Job job, Delivery delivery, boolean webhook) {
        static Outcome data(ObjectNode item) {
            return new Outcome(List.of(item), List.of(), null, null, false);
        }

        static Outcome dataList(List<ObjectNode> items) {
            return new Outcome(List.copyOf(items), List.of(), null, null, false);
        }

        static Outcome errors(List<ErrorItem> errors) {
            return new Outcome(List.of(), List.copyOf(errors), null, null, false);
        }

        static Outcome error(ErrorItem e) {
            return errors(List.of(e));
        }
    }

    /** Task types that make outputs even when the snapshot has no schema for them. */
    static final Set<String> INFERENCE_TYPES = Set.of("imageInference", "videoInference", "audioInference",
            "textInference", "3dInference", "upscale", "removeBackground", "caption", "vectorize",
            "controlNetPreprocess", "imageMasking", "promptEnhance");

    private static final int MAX_KEPT = 10_000;
    private static final int MAX_RESULTS = 100;
    private static final double START_BALANCE = 1000.0;

    private record Failed(ObjectNode request, List<ErrorItem> errors) {
    }

    private final RunwareEmulator owner;
    private final MediaStore media;
    private final ScheduledExecutorService scheduler;
    private final HttpClient webhookClient;
    private final BoundedMap<String, Job> jobs = new BoundedMap<>(MAX_KEPT);
    private final BoundedMap<String, Failed> failed = new BoundedMap<>(MAX_KEPT);
    private final AtomicLong spentMicros = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger webhookPosts = new AtomicInteger();

    TaskEngine(RunwareEmulator owner, MediaStore media) {
        this.owner = owner;
        this.media = media;
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "runware-emulator-tasks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.webhookClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    int webhookPosts() {
        return webhookPosts.get();
    }

    Outcome handle(JsonNode node, Ctx ctx) {
        if (!node.isObject()) {
            return Outcome.error(ErrorItem.of(400, "invalidTask", "Every element of the request array must be a task object"));
        }
        ObjectNode task = (ObjectNode) node;
        JsonNode ttNode = task.get("taskType");
        if (ttNode == null || ttNode.isNull()) {
            return Outcome.error(ErrorItem.param(400, "missingTaskType", "Every task needs a taskType", "taskType")
                    .forTask(null, JsonNodes.text(task, "taskUUID")));
        }
        if (!ttNode.isString()) {
            return Outcome.error(ErrorItem.param(400, "invalidTaskType", "taskType must be a string", "taskType"));
        }
        String taskType = ttNode.stringValue();
        if (taskType.equals("ping")) {
            ObjectNode pong = JsonNodes.object();
            pong.put("taskType", "ping");
            pong.put("pong", true);
            return Outcome.data(pong);
        }
        String uuid = JsonNodes.text(task, "taskUUID");
        if (uuid == null) {
            return Outcome.error(ErrorItem.param(400, "missingTaskUUID", "Every task needs a taskUUID (a UUID v4)", "taskUUID")
                    .forTask(taskType, null));
        }
        try {
            UUID.fromString(uuid);
        } catch (IllegalArgumentException e) {
            return Outcome.error(ErrorItem.param(400, "invalidTaskUUID", "taskUUID must be a UUID", "taskUUID")
                    .forTask(taskType, uuid));
        }
        requests.incrementAndGet();
        Outcome out;
        try {
            out = switch (taskType) {
                case "getResponse" -> poll(owned(ctx, uuid));
                case "getTaskDetails" -> details(uuid, owned(ctx, uuid));
                case "imageUpload", "mediaStorage", "modelSearch", "accountManagement", "modelUpload" -> utility(task, taskType, uuid, ctx);
                default -> {
                    if (!INFERENCE_TYPES.contains(taskType) && !owner.index().knowsTaskType(taskType)) {
                        yield Outcome.error(ErrorItem.param(400, "invalidTaskType",
                                "Unknown taskType '" + abbreviate(taskType) + "'", "taskType"));
                    }
                    yield inference(task, taskType, uuid, ctx);
                }
            };
        } catch (TaskException e) {
            out = Outcome.error(e.error());
        } catch (RuntimeException e) {
            // A schema the validator cannot use (e.g. a $ref to a remote document) must not take the server down.
            out = Outcome.error(ErrorItem.of(500, "internalServerError",
                    "The emulator could not process this task: " + abbreviate(String.valueOf(e.getMessage()))));
        }
        if (!out.errors().isEmpty()) {
            List<ErrorItem> tagged = out.errors().stream().map(e -> e.forTask(taskType, uuid)).toList();
            if (!taskType.equals("getResponse") && !taskType.equals("getTaskDetails")) {
                failed.put(owned(ctx, uuid), new Failed(task, tagged));
            }
            return new Outcome(out.data(), tagged, out.job(), out.delivery(), out.webhook());
        }
        return out;
    }

    private Outcome inference(ObjectNode task, String taskType, String uuid, Ctx ctx) {
        SnapshotIndex snapshot = owner.index();
        TaskValidator.Outcome v = TaskValidator.validate(snapshot, owner.communityModels(), task, taskType);
        if (!v.ok()) {
            return Outcome.errors(v.errors());
        }
        SnapshotIndex.Target target = v.target();
        String delivery = JsonNodes.text(task, "deliveryMethod");
        if (delivery == null && target != null) {
            delivery = JsonNodes.text(target.requestSchema().path("properties").path("deliveryMethod"), "default");
        }
        Delivery d = switch (delivery == null ? "sync" : delivery) {
            case "sync" -> Delivery.SYNC;
            case "async" -> Delivery.ASYNC;
            case "stream" -> Delivery.STREAM;
            default -> throw new TaskException(ErrorItem.param(400, "invalidDeliveryMethod",
                    "deliveryMethod must be sync, async or stream", "deliveryMethod"));
        };
        if (d == Delivery.STREAM && !taskType.equals("textInference")) {
            throw new TaskException(ErrorItem.param(400, "unsupportedDeliveryMethod",
                    "Only textInference tasks can be streamed", "deliveryMethod"));
        }
        JsonNode nr = task.get("numberResults");
        int n = 1;
        if (nr != null) {
            if (!nr.isIntegralNumber() || nr.intValue() < 1 || nr.intValue() > MAX_RESULTS) {
                throw new TaskException(ErrorItem.param(400, "invalidNumberResults",
                        "numberResults must be a whole number from 1 to " + MAX_RESULTS, "numberResults"));
            }
            n = nr.intValue();
        }
        if (d == Delivery.STREAM && n > 1) {
            throw new TaskException(ErrorItem.param(400, "invalidNumberResults",
                    "Streaming returns a single result; numberResults must be 1", "numberResults"));
        }
        String webhook = JsonNodes.text(task, "webhookURL");
        if (webhook != null) {
            checkWebhook(webhook);
        }
        Results.Plan plan = Results.plan(taskType, task, target == null ? null : target.responseSchema());
        if (plan.kind() == Results.Kind.NONE) {
            throw new TaskException(ErrorItem.param(400, "unsupportedTaskType",
                    "The task is valid, but the emulator does not run " + taskType + " tasks", "taskType"));
        }
        double cost = Results.cost(plan, task);
        if (ctx.dryRun()) {
            ObjectNode item = JsonNodes.object();
            item.put("taskType", taskType);
            item.put("taskUUID", uuid);
            item.put("cost", Math.round(cost * n * 1_000_000) / 1_000_000.0);
            return Outcome.data(item);
        }
        boolean includeCost = JsonNodes.bool(task, "includeCost");
        long duration = owner.taskDuration().toMillis();
        Job job = new Job(uuid, taskType, task.deepCopy(), n, duration, plan, cost, includeCost);
        Job earlier = jobs.putIfAbsent(owned(ctx, uuid), job);
        if (earlier != null) {
            if (!earlier.request.equals(task)) {
                throw new TaskException(ErrorItem.param(400, "duplicateTaskUUID",
                        "Another task with this taskUUID was already submitted", "taskUUID"));
            }
            // A client retrying the very same task (after a lost answer) gets the original job, not a second run.
            job = earlier;
        } else {
            if (webhook != null) {
                job.listen(new WebhookListener(webhook));
            }
            schedule(job);
        }
        return new Outcome(List.of(), List.of(), job, webhook != null && d == Delivery.SYNC ? Delivery.ASYNC : d,
                webhook != null);
    }

    private void schedule(Job job) {
        owner.countRun(job.taskUUID);
        String failCode = owner.faults().takeTaskFailure();
        if (failCode != null) {
            scheduler.schedule(() -> job.fail(ErrorItem.of(500, failCode, "The task failed while processing (injected fault)")
                    .forTask(job.taskType, job.taskUUID)), job.durationMillis / 2, TimeUnit.MILLISECONDS);
            return;
        }
        for (int i = 0; i < job.count; i++) {
            int index = i;
            long at = job.durationMillis * (i + 1) / job.count;
            scheduler.schedule(() -> {
                try {
                    ObjectNode item = Results.item(job.taskType, job.taskUUID, job.request, job.plan, index, media,
                            owner.mediaBaseUrl(), job.includeCost, job.costPerItem);
                    spentMicros.addAndGet(Math.round(job.costPerItem * 1_000_000));
                    if (job.plan.kind() == Results.Kind.TRAINING) {
                        // The new model runs from now on, as a model of the architecture it was trained on.
                        owner.communityModels().register(JsonNodes.text(item, "air"),
                                JsonNodes.text(owner.index().catalogEntry(String.valueOf(JsonNodes.text(job.request, "model"))), "architecture"));
                    }
                    job.complete(index, item);
                } catch (RuntimeException e) {
                    job.fail(ErrorItem.of(500, "internalServerError", "The emulator could not build the result: " + e.getMessage())
                            .forTask(job.taskType, job.taskUUID));
                }
            }, at, TimeUnit.MILLISECONDS);
        }
    }

    /** The job with this taskUUID under whichever API key sent it: the emulator's own inspection, never a client path. */
    Job job(String uuid) {
        String suffix = "\n" + uuid;
        for (Map.Entry<String, Job> e : jobs.entries()) {
            if (e.getKey().endsWith(suffix)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The key tasks are kept under: the API key that sent them and their UUID. Another key asking for the same
     * UUID finds nothing (and may use the UUID for a task of its own), exactly as for a UUID never sent.
     */
    private static String owned(Ctx ctx, String uuid) {
        return ctx.apiKey() + "\n" + uuid;
    }

    private Outcome poll(String key) {
        sleep(owner.faults().pollDelay());
        Job job = jobs.get(key);
        if (job != null) {
            return Outcome.dataList(job.pollState());
        }
        Failed f = failed.get(key);
        if (f != null) {
            return Outcome.errors(f.errors());
        }
        return Outcome.error(ErrorItem.param(400, "taskNotFound", "No task with this taskUUID is known", "taskUUID"));
    }

    private Outcome details(String uuid, String key) {
        ObjectNode item = JsonNodes.object();
        item.put("taskType", "getTaskDetails");
        item.put("taskUUID", uuid);
        Job job = jobs.get(key);
        Failed f = failed.get(key);
        if (job == null && f == null) {
            return Outcome.error(ErrorItem.param(400, "taskNotFound", "No task with this taskUUID is known", "taskUUID"));
        }
        ArrayNode req = item.putArray("request");
        ObjectNode resp = item.putObject("response");
        if (job != null) {
            req.add(job.request.deepCopy());
            if (job.failure() != null) {
                resp.putArray("errors").add(job.failure().toJson());
            } else {
                ArrayNode data = resp.putArray("data");
                job.finishedItems().forEach(data::add);
            }
        } else {
            req.add(f.request().deepCopy());
            ArrayNode errs = resp.putArray("errors");
            f.errors().forEach(e -> errs.add(e.toJson()));
        }
        return Outcome.data(item);
    }

    private Outcome utility(ObjectNode task, String taskType, String uuid, Ctx ctx) {
        TaskValidator.Outcome v = TaskValidator.validate(owner.index(), owner.communityModels(), task, taskType);
        if (!v.ok()) {
            return Outcome.errors(v.errors());
        }
        ObjectNode item = JsonNodes.object();
        item.put("taskType", taskType);
        item.put("taskUUID", uuid);
        switch (taskType) {
            case "imageUpload" -> {
                Stored s = store(task, "image", "Image", ctx);
                item.put("imageUUID", s.uuid());
                item.put("imageURL", s.url());
            }
            case "mediaStorage" -> mediaStorage(task, item, ctx);
            case "modelSearch" -> modelSearch(task, item);
            case "modelUpload" -> {
                // Nothing is downloaded; the answer says where the model would live once stored.
                String air = JsonNodes.text(task, "air");
                if (air == null) {
                    String name = String.valueOf(JsonNodes.text(task, "name")).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
                    air = "runware:" + name + "@" + String.valueOf(JsonNodes.text(task, "version"));
                }
                if ("checkpoint".equals(JsonNodes.text(task, "category"))) {
                    owner.communityModels().register(air, JsonNodes.text(task, "architecture"));
                }
                item.put("status", "ready");
                item.put("message", "Stored (emulated: nothing was downloaded)");
                item.put("air", air);
            }
            default -> account(task, item, ctx);
        }
        return Outcome.data(item);
    }

    private record Stored(String uuid, String url) {
    }

    private Stored store(ObjectNode task, String field, String what, Ctx ctx) {
        String value = JsonNodes.text(task, field);
        if (value == null || value.isBlank()) {
            throw new TaskException(ErrorItem.param(400, "missing" + what, "Missing required parameter " + field, field));
        }
        String base = owner.mediaBaseUrl();
        if (value.startsWith(base)) {
            String name = value.substring(base.length());
            if (media.get(name) == null) {
                throw new TaskException(ErrorItem.param(400, "invalid" + what, "No such file on this server", field));
            }
            return new Stored(name.substring(0, name.indexOf('.')), value);
        }
        if (value.startsWith("http://") || value.startsWith("https://")) {
            // Offline: the file is never fetched; this server's URL for it redirects to the original.
            URI remote;
            try {
                remote = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new TaskException(ErrorItem.param(400, "invalid" + what, field + " is not a valid URL", field));
            }
            String path = remote.getPath() == null ? "" : remote.getPath();
            String ext = path.matches(".*\\.[A-Za-z0-9]{1,5}$") ? path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "bin";
            String id = UUID.randomUUID().toString();
            String name = id + "." + ext;
            media.put(name, new MediaStore.Entry("application/octet-stream", null, null, value), ctx.apiKey());
            return new Stored(id, base + name);
        }
        try {
            String existing = media.nameOf(UUID.fromString(value).toString());
            if (existing == null || !media.ownedBy(existing, ctx.apiKey())) {
                throw new TaskException(ErrorItem.param(400, "invalid" + what, "No media with this UUID", field));
            }
            return new Stored(value, base + existing);
        } catch (IllegalArgumentException notUuid) {
            // fall through: base64 or data URI
        }
        String data = value;
        String type = null;
        if (value.startsWith("data:")) {
            int comma = value.indexOf(',');
            int semi = value.indexOf(';');
            if (comma < 0 || semi < 0 || semi > comma || !value.substring(semi, comma).contains("base64")) {
                throw new TaskException(ErrorItem.param(400, "invalid" + what, "Data URIs must be base64 encoded", field));
            }
            type = value.substring(5, semi);
            data = value.substring(comma + 1);
        }
        byte[] bytes;
        try {
            bytes = Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw new TaskException(ErrorItem.param(400, "invalid" + what,
                    field + " must be base64 data, a data URI, a UUID or a URL", field));
        }
        if (bytes.length == 0) {
            throw new TaskException(ErrorItem.param(400, "invalid" + what, field + " is empty", field));
        }
        String[] sniffed = sniff(bytes);
        String contentType = type != null ? type : sniffed[0];
        String id = UUID.randomUUID().toString();
        String name = id + "." + sniffed[1];
        media.put(name, new MediaStore.Entry(contentType, null, bytes), ctx.apiKey());
        return new Stored(id, base + name);
    }

    static String[] sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G')) {
            return new String[] {"image/png", "png"};
        }
        if (starts(b, 0xFF, 0xD8)) {
            return new String[] {"image/jpeg", "jpg"};
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length > 11 && b[8] == 'W' && b[9] == 'E' && b[10] == 'B') {
            return new String[] {"image/webp", "webp"};
        }
        if (starts(b, 'R', 'I', 'F', 'F') && b.length > 11 && b[8] == 'W' && b[9] == 'A' && b[10] == 'V') {
            return new String[] {"audio/wav", "wav"};
        }
        if (starts(b, 'G', 'I', 'F')) {
            return new String[] {"image/gif", "gif"};
        }
        if (b.length > 8 && b[4] == 'f' && b[5] == 't' && b[6] == 'y' && b[7] == 'p') {
            return new String[] {"video/mp4", "mp4"};
        }
        if (starts(b, 'I', 'D', '3') || starts(b, 0xFF, 0xFB)) {
            return new String[] {"audio/mpeg", "mp3"};
        }
        if (starts(b, 'g', 'l', 'T', 'F')) {
            return new String[] {"model/gltf-binary", "glb"};
        }
        return new String[] {"application/octet-stream", "bin"};
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void mediaStorage(ObjectNode task, ObjectNode item, Ctx ctx) {
        String op = JsonNodes.text(task, "operation");
        if (op == null) {
            op = "upload";
        }
        item.put("operation", op);
        switch (op) {
            case "upload" -> {
                Stored s = store(task, "media", "Media", ctx);
                item.put("mediaUUID", s.uuid());
                item.put("mediaURL", s.url());
            }
            case "delete" -> {
                String id = JsonNodes.text(task, "media");
                if (id == null) {
                    id = JsonNodes.text(task, "mediaUUID");
                }
                if (id == null) {
                    throw new TaskException(ErrorItem.param(400, "missingMedia", "Name the media UUID to delete", "media"));
                }
                // Deleting is idempotent: a UUID that is already gone is not an error. Another key's file is
                // treated the same way, so the answer does not even say whether it exists.
                String name = media.nameOf(id);
                if (name != null && media.ownedBy(name, ctx.apiKey())) {
                    media.remove(name);
                }
                item.put("mediaUUID", id);
            }
            default -> throw new TaskException(ErrorItem.param(400, "invalidOperation",
                    "operation must be upload or delete", "operation"));
        }
    }

    private void modelSearch(ObjectNode task, ObjectNode item) {
        String q = JsonNodes.text(task, "search");
        String query = q == null ? "" : q.toLowerCase(Locale.ROOT);
        String arch = JsonNodes.text(task, "architecture");
        List<String> caps = new ArrayList<>();
        task.path("capabilities").forEach(c -> caps.add(c.asString()));
        List<ObjectNode> hits = new ArrayList<>();
        SnapshotIndex snapshot = owner.index();
        List<ObjectNode> entries = new ArrayList<>(snapshot.catalog());
        if (entries.isEmpty()) {
            for (String air : snapshot.airs()) {
                ObjectNode e = JsonNodes.object();
                e.put("air", air);
                e.put("slug", snapshot.slugOf(air));
                entries.add(e);
            }
        }
        for (ObjectNode e : entries) {
            String hay = (JsonNodes.text(e, "air") + " " + JsonNodes.text(e, "name") + " " + JsonNodes.text(e, "slug") + " "
                    + JsonNodes.text(e, "creator")).toLowerCase(Locale.ROOT);
            if (!hay.contains(query)) {
                continue;
            }
            if (arch != null && !arch.equals(JsonNodes.text(e, "architecture"))) {
                continue;
            }
            List<String> has = new ArrayList<>();
            e.path("capabilities").forEach(c -> has.add(c.asString()));
            if (!has.containsAll(caps)) {
                continue;
            }
            ObjectNode r = JsonNodes.object();
            r.put("air", JsonNodes.text(e, "air"));
            String name = JsonNodes.text(e, "name");
            r.put("name", name != null ? name : JsonNodes.text(e, "slug") != null ? JsonNodes.text(e, "slug") : JsonNodes.text(e, "air"));
            r.put("category", "checkpoint");
            String a = JsonNodes.text(e, "architecture");
            if (a == null) {
                r.putNull("architecture");
            } else {
                r.put("architecture", a);
            }
            ArrayNode c = r.putArray("capabilities");
            has.forEach(c::add);
            r.put("source", "featured");
            r.putNull("heroImage");
            r.put("private", false);
            String creator = JsonNodes.text(e, "creator");
            if (creator != null) {
                r.put("provider", creator);
            }
            hits.add(r);
        }
        int offset = Math.max(0, JsonNodes.intOr(task, "offset", 0));
        int limit = Math.max(0, JsonNodes.intOr(task, "limit", 20));
        item.put("totalResults", hits.size());
        ArrayNode results = item.putArray("results");
        hits.stream().skip(offset).limit(limit).forEach(results::add);
    }

    private void account(ObjectNode task, ObjectNode item, Ctx ctx) {
        String op = JsonNodes.text(task, "operation");
        if (op == null) {
            throw new TaskException(ErrorItem.param(400, "missingOperation", "Missing required parameter operation", "operation"));
        }
        item.put("operation", op);
        double spent = spentMicros.get() / 1_000_000.0;
        switch (op) {
            case "getDetails" -> {
                item.put("organizationName", "Emulated organisation");
                item.put("organizationUUID", UUID.nameUUIDFromBytes("emulator-org".getBytes(StandardCharsets.UTF_8)).toString());
                item.putObject("balance").put("amount", Math.round((START_BALANCE - spent) * 1_000_000) / 1_000_000.0)
                        .put("currency", "USD");
                item.putArray("team").addObject().put("name", "Emulator user").put("email", "user@example.com")
                        .putArray("roles").add("Owner");
                String key = ctx.apiKey() == null ? "" : ctx.apiKey();
                String masked = key.length() <= 4 ? "****" : "****" + key.substring(key.length() - 4);
                item.putArray("apiKeys").addObject().put("apiKey", masked).put("name", "default")
                        .put("enabled", true).put("createdAt", "2026-01-01T00:00:00Z");
            }
            case "getUsageActivity", "getUsagePerformance", "getUsageErrors" -> {
                String today = LocalDate.now(ZoneOffset.UTC).toString();
                item.put("startDate", JsonNodes.text(task, "startDate") != null ? JsonNodes.text(task, "startDate") : today);
                item.put("endDate", JsonNodes.text(task, "endDate") != null ? JsonNodes.text(task, "endDate") : today);
                ObjectNode usage = item.putObject("usage");
                ObjectNode total = JsonNodes.object().put("credits", spent).put("requests", requests.get());
                usage.set("today", total.deepCopy());
                usage.set("last7Days", total.deepCopy());
                usage.set("last30Days", total.deepCopy());
                usage.set("total", total);
                ObjectNode series = usage.putObject("timeseries");
                series.putArray("data").addObject().put("date", today).put("count", requests.get()).put("spend", spent);
                series.putObject("meta").put("totalRequests", requests.get()).put("totalSpend", spent);
            }
            default -> throw new TaskException(ErrorItem.param(400, "invalidOperation",
                    "operation must be getDetails, getUsageActivity, getUsagePerformance or getUsageErrors", "operation"));
        }
    }

    // ---- webhooks ----

    private static void checkWebhook(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new TaskException(ErrorItem.param(400, "invalidWebhookURL", "webhookURL is not a valid URL", "webhookURL"));
        }
        boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        if (!http || !isLoopback(uri.getHost())) {
            throw new TaskException(ErrorItem.param(400, "invalidWebhookURL",
                    "The emulator only delivers webhooks to loopback http(s) URLs", "webhookURL"));
        }
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /**
     * Whether a URL's host (as {@link URI#getHost()} gives it) is this machine's loopback interface, decided
     * from the host as parsed, never by its prefix: {@code localhost}, a dotted IPv4 address in 127.0.0.0/8, or
     * a bracketed IPv6 literal for loopback. Names are never looked up, so {@code 127.0.0.1.example.com} is not
     * loopback, nor is anything a DNS answer could point elsewhere.
     */
    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        java.util.regex.Matcher v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(1)) == 127;
        }
        if (host.startsWith("[") && host.endsWith("]") && host.indexOf(':') > 0) {
            try {
                // An IPv6 literal (the URI parser checked its form): parsed, not looked up.
                return java.net.InetAddress.getByName(host).isLoopbackAddress();
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private final class WebhookListener implements Job.Listener {
        private final URI target;

        WebhookListener(String url) {
            this.target = URI.create(url);
        }

        @Override
        public void item(Job job, ObjectNode item) {
            ObjectNode body = JsonNodes.object();
            body.putArray("data").add(item);
            post(JsonNodes.write(body), 0);
        }

        @Override
        public void failed(Job job, ErrorItem error) {
            ObjectNode body = JsonNodes.object();
            body.putArray("errors").add(error.toJson());
            post(JsonNodes.write(body), 0);
        }

        private void post(String body, int attempt) {
            HttpRequest req = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            webhookClient.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
                webhookPosts.incrementAndGet();
                boolean ok = err == null && resp.statusCode() / 100 == 2;
                if (!ok && attempt < 3 && !scheduler.isShutdown()) {
                    scheduler.schedule(() -> post(body, attempt + 1), 200L << attempt, TimeUnit.MILLISECONDS);
                }
            });
        }
    }

    // ---- helpers ----

    static void sleep(Duration d) {
        if (d.isZero()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String abbreviate(String s) {
        return s.length() > 64 ? s.substring(0, 64) + "..." : s;
    }

    Instant now() {
        return Instant.now();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
