package dev.airgen.emulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the result item of a task: what fields it has depends on the model's response shape. */
final class Results {

    enum Kind { IMAGE, VIDEO, AUDIO, MODEL, TEXT, GUIDE, MASK, TRAINING, NONE }

    private static final Map<String, Kind> BY_TASK_TYPE = Map.ofEntries(
            Map.entry("imageInference", Kind.IMAGE), Map.entry("upscale", Kind.IMAGE),
            Map.entry("removeBackground", Kind.IMAGE), Map.entry("vectorize", Kind.IMAGE),
            Map.entry("videoInference", Kind.VIDEO), Map.entry("audioInference", Kind.AUDIO),
            Map.entry("3dInference", Kind.MODEL), Map.entry("textInference", Kind.TEXT),
            Map.entry("caption", Kind.TEXT), Map.entry("promptEnhance", Kind.TEXT),
            Map.entry("controlNetPreprocess", Kind.GUIDE), Map.entry("imageMasking", Kind.MASK),
            Map.entry("training", Kind.TRAINING));

    private static final Map<String, int[]> RESOLUTIONS = Map.of(
            "360p", new int[] {640, 360}, "480p", new int[] {854, 480}, "540p", new int[] {960, 540},
            "720p", new int[] {1280, 720}, "768p", new int[] {1366, 768}, "1080p", new int[] {1920, 1080},
            "1k", new int[] {1024, 1024}, "2k", new int[] {2048, 2048}, "4k", new int[] {3840, 2160});

    static final int MAX_SIDE = 8192;
    static final long MAX_PIXELS = 4096L * 4096;

    private Results() {
    }

    static Kind kindOf(String taskType, JsonNode responseSchema) {
        JsonNode props = responseSchema == null ? null : responseSchema.get("properties");
        if (props != null && props.isObject()) {
            if (props.has("videoUUID")) {
                return Kind.VIDEO;
            }
            if (props.has("imageUUID")) {
                return Kind.IMAGE;
            }
            if (props.has("audioUUID")) {
                return Kind.AUDIO;
            }
            if (props.has("guideImageUUID")) {
                return Kind.GUIDE;
            }
            if (props.has("maskImageUUID")) {
                return Kind.MASK;
            }
            if (props.has("outputs")) {
                return Kind.MODEL;
            }
            if (props.has("text")) {
                return Kind.TEXT;
            }
            if (props.has("air")) {
                return Kind.TRAINING;
            }
        }
        return BY_TASK_TYPE.getOrDefault(taskType, Kind.NONE);
    }

    /** What one task will produce; checked before the task is accepted. */
    record Plan(Kind kind, MediaSpec.Kind mediaKind, String format, int width, int height, double seconds,
                long seed, List<String> outputTypes) {
    }

    /** Works out sizes and formats, or throws {@link TaskException} with the parameter at fault. */
    static Plan plan(String taskType, JsonNode task, JsonNode responseSchema) {
        Kind kind = kindOf(taskType, responseSchema);
        long seed = task.path("seed").isNumber() ? task.get("seed").longValue()
                : Picture.mix(task.path("taskUUID").asString("").hashCode()) & 0x7FFFFFFFL;
        List<String> outputTypes = new ArrayList<>();
        JsonNode ot = task.get("outputType");
        if (ot != null && ot.isArray()) {
            ot.forEach(v -> outputTypes.add(v.asString()));
        } else if (ot != null && ot.isString()) {
            outputTypes.add(ot.stringValue());
        }
        if (outputTypes.isEmpty()) {
            outputTypes.add("URL");
        }
        for (String t : outputTypes) {
            if (!List.of("URL", "base64Data", "dataURI").contains(t)) {
                throw new TaskException(ErrorItem.param(400, "invalidOutputType",
                        "outputType must be URL, base64Data or dataURI", "outputType"));
            }
        }
        MediaSpec.Kind mediaKind = switch (kind) {
            case IMAGE, GUIDE, MASK -> MediaSpec.Kind.IMAGE;
            case VIDEO -> MediaSpec.Kind.VIDEO;
            case AUDIO -> MediaSpec.Kind.AUDIO;
            case MODEL, TRAINING -> MediaSpec.Kind.MODEL;
            default -> null;
        };
        String format = JsonNodes.text(task, "outputFormat");
        if (mediaKind == null) {
            return new Plan(kind, null, format, 0, 0, 0, seed, outputTypes);
        }
        if (format == null || kind == Kind.GUIDE || kind == Kind.MASK || kind == Kind.TRAINING) {
            format = switch (mediaKind) {
                case IMAGE -> "vectorize".equals(taskType) ? "SVG"
                        : "removeBackground".equals(taskType) || kind != Kind.IMAGE ? "PNG" : "JPG";
                case VIDEO -> "MP4";
                case AUDIO -> "MP3";
                case MODEL -> kind == Kind.TRAINING ? "SAFETENSORS" : "GLB";
            };
        }
        if (!MediaSpec.supported(mediaKind, format)) {
            throw new TaskException(ErrorItem.param(400, "unsupportedOutputFormat",
                    "The emulator cannot produce " + format + " files; it writes " + MediaSpec.FORMATS.get(mediaKind),
                    "outputFormat"));
        }
        int width = 1024;
        int height = 1024;
        if (mediaKind == MediaSpec.Kind.VIDEO) {
            width = 640;
            height = 360;
            int[] res = RESOLUTIONS.get(JsonNodes.text(task, "resolution") == null ? "" : JsonNodes.text(task, "resolution").toLowerCase(Locale.ROOT));
            if (res != null) {
                width = res[0];
                height = res[1];
            }
        }
        width = dimension(task, "width", width);
        height = dimension(task, "height", height);
        if ((long) width * height > MAX_PIXELS) {
            throw new TaskException(new ErrorItem(400, "invalidDimensions", "The emulator renders at most "
                    + MAX_PIXELS + " pixels per output; " + width + "x" + height + " is larger",
                    List.of("width", "height"), null, null, null));
        }
        double seconds = task.path("duration").isNumber() ? task.get("duration").doubleValue()
                : mediaKind == MediaSpec.Kind.AUDIO && speech(task) != null ? speechSeconds(speech(task)) : 5;
        if (seconds <= 0 || seconds > 600) {
            throw new TaskException(ErrorItem.param(400, "invalidDuration", "duration must be within (0, 600] seconds", "duration"));
        }
        return new Plan(kind, mediaKind, format, width, height, seconds, seed, outputTypes);
    }

    private static int dimension(JsonNode task, String field, int fallback) {
        JsonNode v = task.get(field);
        if (v == null || !v.isNumber()) {
            return fallback;
        }
        int d = v.intValue();
        if (d < 1 || d > MAX_SIDE || v.doubleValue() != d) {
            throw new TaskException(ErrorItem.param(400, "invalid" + TaskValidator.cap(field),
                    field + " must be a whole number of pixels between 1 and " + MAX_SIDE, field));
        }
        return d;
    }

    /** The text to speak when a task asks for speech, else null. */
    static String speech(JsonNode task) {
        JsonNode speech = task.get("speech");
        if (speech == null || !speech.isObject()) {
            return null;
        }
        String text = JsonNodes.text(speech, "text");
        return text != null ? text : "";
    }

    /** About how long a voice takes to say {@code text}: 0.35 s a word and a breath, 1 to 60 s. */
    private static double speechSeconds(String text) {
        return Math.max(1, Math.min(60, 0.6 + 0.35 * tokens(text)));
    }

    /**
     * Whether a video task asks for sound: a provider's audio switch ({@code generateAudio}, {@code audio},
     * {@code sound}, {@code bgm}, {@code soundEffectSwitch}) set to true, or an audio input to follow.
     */
    static boolean wantsAudio(JsonNode task) {
        for (JsonNode provider : task.path("providerSettings")) {
            for (String flag : List.of("generateAudio", "audio", "sound", "bgm", "soundEffectSwitch")) {
                if (provider.path(flag).asBoolean(false)) {
                    return true;
                }
            }
            for (JsonNode segment : provider.path("segments")) {
                if (segment.hasNonNull("audio")) {
                    return true;
                }
            }
        }
        JsonNode input = task.path("inputs").path("audio");
        return input.isString() && !input.stringValue().isBlank() || input.isArray() && !input.isEmpty();
    }

    static double cost(Plan plan, JsonNode task) {
        double c = switch (plan.kind()) {
            case IMAGE, GUIDE, MASK -> 0.002 * Math.max(1.0, plan.width() * (double) plan.height() / 1_000_000);
            case VIDEO -> 0.05 * plan.seconds();
            case AUDIO -> 0.001 * plan.seconds();
            case MODEL -> 0.2;
            case TRAINING -> 2.0;
            case TEXT -> 0.000002 * (tokens(promptOf(task)) + 64);
            case NONE -> 0.001;
        };
        return Math.round(c * 1_000_000) / 1_000_000.0;
    }

    /** Builds result item {@code index} and registers its files in {@code media}. */
    static ObjectNode item(String taskType, String taskUUID, JsonNode task, Plan plan, int index, MediaStore media,
                           String mediaBase, boolean includeCost, double cost) {
        ObjectNode item = JsonNodes.object();
        item.put("taskType", taskType);
        item.put("taskUUID", taskUUID);
        long seed = plan.seed() + index;
        UUID out = UUID.nameUUIDFromBytes((taskUUID + "#" + index).getBytes(StandardCharsets.UTF_8));
        switch (plan.kind()) {
            case IMAGE -> {
                media(item, "image", out, taskType, task, plan, seed, media, mediaBase);
                item.put("seed", seed);
                item.put("NSFWContent", false);
            }
            case VIDEO -> {
                media(item, "video", out, taskType, task, plan, seed, media, mediaBase);
                item.put("seed", seed);
                item.put("NSFWContent", false);
            }
            case AUDIO -> {
                media(item, "audio", out, taskType, task, plan, seed, media, mediaBase);
                item.put("seed", seed);
            }
            case MODEL -> {
                MediaSpec spec = new MediaSpec(MediaSpec.Kind.MODEL, plan.format(), 1, 1, seed, 0);
                String name = out + "." + spec.extension();
                media.put(name, new MediaStore.Entry(spec.contentType(), spec, null));
                ArrayNode files = item.putObject("outputs").putArray("files");
                files.addObject().put("uuid", out.toString()).put("url", mediaBase + name);
                item.put("seed", seed);
            }
            case TRAINING -> {
                String air = JsonNodes.text(task.path("importModel"), "air");
                item.put("air", air != null ? air : "runware:trained@" + out.toString().substring(0, 8));
                MediaSpec spec = new MediaSpec(MediaSpec.Kind.MODEL, plan.format(), 1, 1, seed, 0);
                String name = out + "." + spec.extension();
                media.put(name, new MediaStore.Entry(spec.contentType(), spec, null));
                item.putObject("outputs").putArray("files").addObject().put("uuid", out.toString()).put("url", mediaBase + name);
            }
            case GUIDE -> {
                media(item, "guideImage", out, taskType, task, plan, seed, media, mediaBase);
                item.put("inputImageUUID", inputUuid(task, taskUUID));
            }
            case MASK -> {
                media(item, "maskImage", out, taskType, task, plan, seed, media, mediaBase);
                item.put("inputImageUUID", inputUuid(task, taskUUID));
                ArrayNode det = item.putArray("detections");
                det.addObject().put("x_min", plan.width() / 4).put("y_min", plan.height() / 4)
                        .put("x_max", plan.width() * 3 / 4).put("y_max", plan.height() * 3 / 4);
            }
            case TEXT -> {
                Text t = text(taskType, task, index);
                item.put("text", t.text());
                if ("textInference".equals(taskType)) {
                    item.put("finishReason", t.finishReason());
                    ObjectNode usage = item.putObject("usage");
                    usage.put("promptTokens", t.promptTokens());
                    usage.put("completionTokens", t.completionTokens());
                    usage.put("totalTokens", t.promptTokens() + t.completionTokens());
                }
            }
            case NONE -> {
            }
        }
        if (includeCost) {
            item.put("cost", cost);
        }
        return item;
    }

    private static void media(ObjectNode item, String prefix, UUID id, String taskType, JsonNode task, Plan plan, long seed,
                              MediaStore media, String mediaBase) {
        Sound.Style sound = switch (plan.mediaKind()) {
            case AUDIO -> speech(task) != null ? Sound.Style.SPEECH : Sound.Style.MUSIC;
            case VIDEO -> wantsAudio(task) ? Sound.Style.MUSIC : null;
            default -> null;
        };
        Cutout cutout = plan.mediaKind() == MediaSpec.Kind.IMAGE && "removeBackground".equals(taskType)
                ? Cutout.of(task, media, mediaBase) : null;
        MediaSpec spec = new MediaSpec(plan.mediaKind(), plan.format(), plan.width(), plan.height(), seed, plan.seconds(),
                caption(taskType, task, plan, seed, sound != null), sound, cutout);
        String name = id + "." + spec.extension();
        media.put(name, new MediaStore.Entry(spec.contentType(), spec, null));
        item.put(prefix + "UUID", id.toString());
        byte[] bytes = null;
        for (String t : plan.outputTypes()) {
            switch (t) {
                case "URL" -> item.put(prefix + "URL", mediaBase + name);
                case "base64Data" -> {
                    bytes = bytes == null ? spec.render() : bytes;
                    item.put(prefix + "Base64Data", Base64.getEncoder().encodeToString(bytes));
                }
                case "dataURI" -> {
                    bytes = bytes == null ? spec.render() : bytes;
                    item.put(prefix + "DataURI", "data:" + spec.contentType() + ";base64,"
                            + Base64.getEncoder().encodeToString(bytes));
                }
                default -> {
                }
            }
        }
    }

    /** What a picture says about itself: that it is emulated, and the model, size and prompt it was made for. */
    static List<String> caption(String taskType, JsonNode task, Plan plan, long seed, boolean withSound) {
        String what = switch (taskType) {
            case "videoInference" -> "VIDEO";
            case "upscale" -> "UPSCALE";
            case "removeBackground" -> "CUT-OUT";
            case "vectorize" -> "VECTOR IMAGE";
            case "controlNetPreprocess" -> "GUIDE IMAGE";
            case "imageMasking" -> "MASK";
            default -> plan.mediaKind() == MediaSpec.Kind.VIDEO ? "VIDEO" : "IMAGE";
        };
        String model = JsonNodes.text(task, "model");
        String size = plan.width() + "x" + plan.height();
        if (plan.mediaKind() == MediaSpec.Kind.VIDEO) {
            size += String.format(Locale.ROOT, ", %.1f s, %s", plan.seconds(), withSound ? "with sound" : "silent");
        }
        List<String> lines = new ArrayList<>(List.of("EMULATED " + what + " (AIRgen emulator)",
                "model: " + (model == null ? "(none)" : TaskEngine.abbreviate(model)), "size: " + size + ", seed: " + seed));
        String prompt = promptOf(task);
        if (!prompt.isBlank()) {
            lines.add("prompt: " + (prompt.length() > 400 ? prompt.substring(0, 400) : prompt));
        }
        return lines;
    }

    private static String inputUuid(JsonNode task, String taskUUID) {
        JsonNode in = task.path("inputs");
        for (String f : List.of("image", "inputImage", "seedImage")) {
            String v = JsonNodes.text(in, f);
            if (v == null) {
                v = JsonNodes.text(task, f);
            }
            if (v != null) {
                try {
                    return UUID.fromString(v).toString();
                } catch (IllegalArgumentException notUuid) {
                    return UUID.nameUUIDFromBytes(v.getBytes(StandardCharsets.UTF_8)).toString();
                }
            }
        }
        return UUID.nameUUIDFromBytes((taskUUID + "#input").getBytes(StandardCharsets.UTF_8)).toString();
    }

    record Text(String text, String finishReason, int promptTokens, int completionTokens) {
    }

    static Text text(String taskType, JsonNode task, int index) {
        String prompt = promptOf(task);
        String shortPrompt = prompt.length() > 80 ? prompt.substring(0, 80) + "..." : prompt;
        String model = JsonNodes.text(task, "model");
        String body = switch (taskType) {
            case "caption" -> "An emulated caption: a two-coloured picture with a disc and diagonal bands.";
            case "promptEnhance" -> (prompt.isBlank() ? "a scene" : prompt)
                    + ", highly detailed, soft light, variation " + (index + 1);
            default -> "This is an emulated reply" + (model == null ? "" : " from " + model)
                    + ". You said: \"" + shortPrompt + "\". The emulator answers every question the same way,"
                    + " so this text is only good for testing.";
        };
        String[] words = body.split(" ");
        int max = task.path("settings").path("maxTokens").isNumber() ? task.get("settings").get("maxTokens").intValue() : Integer.MAX_VALUE;
        String finish = "stop";
        if (max > 0 && words.length > max) {
            body = String.join(" ", java.util.Arrays.copyOf(words, max));
            finish = "length";
        }
        if ("JSON".equals(JsonNodes.text(task, "outputFormat")) && "textInference".equals(taskType)) {
            ObjectNode o = JsonNodes.object();
            o.put("reply", body);
            body = JsonNodes.write(o);
        }
        return new Text(body, finish, tokens(prompt), tokens(body));
    }

    /** The last user text of a chat task, or its positive prompt. */
    static String promptOf(JsonNode task) {
        String p = JsonNodes.text(task, "positivePrompt");
        if (p != null) {
            return p;
        }
        p = JsonNodes.text(task, "prompt");
        if (p != null) {
            return p;
        }
        String last = "";
        for (JsonNode m : task.path("messages")) {
            JsonNode c = m.get("content");
            if (c != null && c.isString()) {
                last = c.stringValue();
            } else if (c != null && c.isArray()) {
                StringBuilder sb = new StringBuilder();
                c.forEach(part -> {
                    String t = JsonNodes.text(part, "text");
                    if (t != null) {
                        sb.append(t);
                    }
                });
                last = sb.toString();
            }
        }
        return last;
    }

    static int tokens(String s) {
        String t = s.trim();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }
}
