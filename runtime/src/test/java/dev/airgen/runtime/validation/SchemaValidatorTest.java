package dev.airgen.runtime.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.runtime.types.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SchemaValidatorTest {

    private static final String VIDEO = "/airgen/test-schemas/video.json";
    private static final String IMAGE = "/airgen/test-schemas/image.json";

    private final SchemaValidator validator = SchemaValidator.create();

    private static Map<String, Object> validVideo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("taskType", "videoInference");
        m.put("taskUUID", UUID.randomUUID().toString());
        m.put("positivePrompt", "a calm sea");
        m.put("inputs", Map.of("frameImages", List.of("https://example.com/a.png")));
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove((String) kv[i]);
            } else {
                m.put((String) kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    private List<Violation> check(String schema, Map<String, Object> json) {
        JsonNode tree = Json.mapper().valueToTree(json);
        return validator.validateTree(getClass().getClassLoader(), schema, tree);
    }

    private List<String> params(String schema, Map<String, Object> json) {
        List<String> out = new ArrayList<>();
        check(schema, json).forEach(v -> out.addAll(v.parameters()));
        return out;
    }

    @Test
    void validRequestPasses() {
        assertThat(check(VIDEO, validVideo())).isEmpty();
        assertThat(check(VIDEO, with(validVideo(), "inputs", null, "width", 1920, "height", 1080, "duration", 10,
                "webhookURL", "https://hooks.example.com/x?token=1", "seed", 42, "cfgScale", 7.5,
                "model", "test:video@1.5"))).isEmpty();
    }

    @Test
    void typeMismatchNamesTheParameter() {
        List<Violation> v = check(VIDEO, with(validVideo(), "seed", "forty-two"));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.parameters()).containsExactly("seed");
            assertThat(x.keyword()).isEqualTo("type");
        });
    }

    @Test
    void missingRequiredPropertyIsNamed() {
        assertThat(params(VIDEO, with(validVideo(), "positivePrompt", null))).containsExactly("positivePrompt");
    }

    @Test
    void unknownPropertyIsNamedAtItsDepth() {
        assertThat(params(VIDEO, with(validVideo(), "colour", "red"))).containsExactly("colour");
        assertThat(params(VIDEO, with(validVideo(), "providerSettings", Map.of("google", Map.of("sharpen", true)))))
                .containsExactly("providerSettings.google.sharpen");
    }

    @Test
    void nestedTypeErrorInEmbeddedProviderSchemaIsDotted() {
        List<Violation> v = check(VIDEO, with(validVideo(), "providerSettings",
                Map.of("google", Map.of("enhancePrompt", "yes"))));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.parameters()).containsExactly("providerSettings.google.enhancePrompt");
            assertThat(x.schemaPath()).contains("providers/google.json");
        });
    }

    @Test
    void rangesAndLengthsAndMultiples() {
        assertThat(params(VIDEO, with(validVideo(), "seed", -1))).containsExactly("seed");
        assertThat(params(VIDEO, with(validVideo(), "cfgScale", 0))).containsExactly("cfgScale");
        assertThat(params(VIDEO, with(validVideo(), "cfgScale", 20.5))).containsExactly("cfgScale");
        assertThat(params(VIDEO, with(validVideo(), "positivePrompt", "x"))).containsExactly("positivePrompt");
        assertThat(params(VIDEO, with(validVideo(), "positivePrompt", "x".repeat(51)))).containsExactly("positivePrompt");
        Map<String, Object> image = new LinkedHashMap<>(Map.of("taskType", "imageInference",
                "taskUUID", UUID.randomUUID().toString(), "model", "test:image@1", "positivePrompt", "a cat",
                "width", 500));
        List<Violation> v = check(IMAGE, image);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.parameters()).containsExactly("width");
            assertThat(x.keyword()).isEqualTo("multipleOf");
        });
    }

    @Test
    void enumConstAndPattern() {
        assertThat(check(VIDEO, with(validVideo(), "duration", 7))).singleElement()
                .satisfies(x -> assertThat(x.keyword()).isEqualTo("enum"));
        assertThat(check(VIDEO, with(validVideo(), "deliveryMethod", "sync"))).singleElement()
                .satisfies(x -> {
                    assertThat(x.parameters()).containsExactly("deliveryMethod");
                    assertThat(x.keyword()).isEqualTo("const");
                });
        assertThat(check(VIDEO, with(validVideo(), "model", "Not An AIR"))).singleElement()
                .satisfies(x -> {
                    assertThat(x.parameters()).containsExactly("model");
                    assertThat(x.keyword()).isEqualTo("pattern");
                });
    }

    @Test
    void formatsAreAsserted() {
        assertThat(check(VIDEO, with(validVideo(), "taskUUID", "not-a-uuid"))).singleElement()
                .satisfies(x -> {
                    assertThat(x.parameters()).containsExactly("taskUUID");
                    assertThat(x.keyword()).isEqualTo("format");
                });
        assertThat(params(VIDEO, with(validVideo(), "webhookURL", "not a uri"))).containsExactly("webhookURL");
        String uuid = UUID.randomUUID().toString();
        assertThat(check(VIDEO, with(validVideo(), "taskUUID", uuid.toUpperCase(java.util.Locale.ROOT)))).isEmpty();
        assertThat(params(VIDEO, with(validVideo(), "taskUUID", uuid + "\n"))).containsExactly("taskUUID");
        assertThat(params(VIDEO, with(validVideo(), "taskUUID", uuid.substring(0, 35) + "\uff10")))
                .containsExactly("taskUUID");
    }

    @Test
    void arrayBoundsAndItemsInEmbeddedDocument() {
        assertThat(params(VIDEO, with(validVideo(), "inputs", Map.of("frameImages", List.of()))))
                .contains("inputs.frameImages");
        assertThat(params(VIDEO, with(validVideo(), "inputs", Map.of("frameImages",
                List.of("https://a", "https://b", "https://c"))))).containsExactly("inputs.frameImages");
        assertThat(params(VIDEO, with(validVideo(), "inputs", Map.of("frameImages",
                List.of("https://example.com/a.png", "ftp://nope"))))).containsExactly("inputs.frameImages");
        assertThat(check(VIDEO, with(validVideo(), "inputs", Map.of("frameImages",
                List.of("https://example.com/a.png", "ftp://nope"))))).singleElement()
                .satisfies(v -> assertThat(v.paths()).containsExactly("inputs.frameImages[1]"));
    }

    @Test
    void exactlyOneOfGroupNamesBothSides() {
        // neither frame images nor a size
        List<Violation> none = check(VIDEO, with(validVideo(), "inputs", null));
        assertThat(none).singleElement().satisfies(x -> {
            assertThat(x.keyword()).isEqualTo("oneOf");
            assertThat(x.parameters()).containsExactly("inputs.frameImages", "width");
        });
        // both
        List<Violation> both = check(VIDEO, with(validVideo(), "width", 1920, "height", 1080));
        assertThat(both).singleElement().satisfies(x ->
                assertThat(x.parameters()).containsExactly("inputs.frameImages", "width"));
    }

    @Test
    void dependentRequiredNamesMissingAndTrigger() {
        List<Violation> v = check(VIDEO, with(validVideo(), "inputs", null, "width", 1920));
        assertThat(v).anySatisfy(x -> {
            assertThat(x.keyword()).isEqualTo("dependentRequired");
            assertThat(x.parameters()).containsExactly("height", "width");
        });
    }

    @Test
    void allowedCombinationsNameEveryDimension() {
        List<Violation> v = check(VIDEO, with(validVideo(), "inputs", null, "width", 1920, "height", 1920));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.keyword()).isEqualTo("anyOf");
            assertThat(x.parameters()).containsExactly("width", "height");
            assertThat(x.message()).contains("1920x1080 (16:9)").contains("1080x1920 (9:16)");
        });
    }

    @Test
    void mutuallyExclusiveParametersAreBothNamed() {
        List<Violation> v = check(VIDEO, with(validVideo(), "inputs", null, "width", 1920, "height", 1080,
                "resolution", "1080p"));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.keyword()).isEqualTo("not");
            assertThat(x.parameters()).containsExactly("resolution", "width");
        });
    }

    @Test
    void conditionalRuleNamesTheConditionToo() {
        List<Violation> v = check(VIDEO, with(validVideo(), "duration", 10,
                "providerSettings", Map.of("google", Map.of("enhancePrompt", true))));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.keyword()).isEqualTo("const");
            assertThat(x.parameters()).containsExactly("duration", "providerSettings");
        });
    }

    @Test
    void everyFailingParameterIsReportedAtOnce() {
        Map<String, Object> bad = with(validVideo(), "positivePrompt", "x", "seed", -5, "duration", 3,
                "providerSettings", Map.of("google", Map.of("enhancePrompt", 1)), "extra", true);
        assertThat(params(VIDEO, bad)).contains("positivePrompt", "seed", "duration",
                "providerSettings.google.enhancePrompt", "extra");
    }

    @Test
    void eachSchemaIsCompiledOnceAndSharedSafelyAcrossThreads() throws Exception {
        SchemaValidator shared = SchemaValidator.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Violation>>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean valid = i % 2 == 0;
                Map<String, Object> json = valid ? validVideo() : with(validVideo(), "seed", -1);
                JsonNode tree = Json.mapper().valueToTree(json);
                Callable<List<Violation>> task = () -> shared.validateTree(getClass().getClassLoader(), VIDEO, tree);
                futures.add(pool.submit(task));
            }
            for (int i = 0; i < futures.size(); i++) {
                List<Violation> v = futures.get(i).get(30, TimeUnit.SECONDS);
                if (i % 2 == 0) {
                    assertThat(v).isEmpty();
                } else {
                    assertThat(v).singleElement().satisfies(x -> assertThat(x.parameters()).containsExactly("seed"));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.compiledCount()).isEqualTo(1);
    }

    @Test
    void networkntCompilesASchemaOnlyOnceARequestNeedsIt() {
        ClassLoader loader = getClass().getClassLoader();
        String bundled = "/airgen/test-schemas/bundled.json";
        Map<String, Object> ok = new LinkedHashMap<>(Map.of("taskType", "textInference",
                "taskUUID", UUID.randomUUID().toString(), "settings", Map.of("temperature", 0.5)));
        assertThat(check(bundled, ok)).isEmpty();
        assertThat(validator.networkntBuilt(loader, bundled)).as("the shortcut proved it valid").isFalse();

        assertThat(params(bundled, with(ok, "settings", Map.of("temperature", 3))))
                .containsExactly("settings.temperature");
        assertThat(validator.networkntBuilt(loader, bundled)).as("networknt named the violation").isTrue();
        assertThat(check(bundled, ok)).isEmpty();

        // A schema the shortcut cannot read needs networknt for every request: compiled with the first.
        assertThat(check(VIDEO, validVideo())).isEmpty();
        assertThat(validator.networkntBuilt(loader, VIDEO)).isTrue();
        assertThat(validator.compiledCount()).isEqualTo(2);
    }

    @Test
    void absolutePrefixMapsToClasspathFolder() {
        SchemaValidator mapped = SchemaValidator.builder()
                .mapPrefix("https://schemas.airgen.test/shared/", "/airgen/test-schemas/shared/")
                .build();
        JsonNode bad = Json.mapper().valueToTree(Map.of("taskType", "x", "taskUUID", "y", "positivePrompt", "ab"));
        assertThat(mapped.validateTree(getClass().getClassLoader(), "/airgen/test-schemas/mapped.json", bad))
                .singleElement().satisfies(x -> assertThat(x.parameters()).containsExactly("positivePrompt"));
    }

    @Test
    void unresolvableReferenceFailsClearlyWithoutNetwork() {
        // The shortcut cannot follow the reference either, so networknt compiles the schema at once and fails.
        JsonNode any = Json.mapper().valueToTree(Map.of("positivePrompt", "abc"));
        assertThatThrownBy(() -> validator.validateTree(getClass().getClassLoader(), "/airgen/test-schemas/remote.json", any))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/airgen/test-schemas/remote.json");
    }

    @Test
    void bundleWithRootRefIntoLocalDefinitionsResolvesOffline() {
        String bundled = "/airgen/test-schemas/bundled.json";
        Map<String, Object> ok = new LinkedHashMap<>(Map.of("taskType", "textInference",
                "taskUUID", UUID.randomUUID().toString(), "settings", Map.of("temperature", 0.5)));
        assertThat(check(bundled, ok)).isEmpty();
        assertThat(params(bundled, with(ok, "settings", Map.of("temperature", 3, "maxTokens", 0))))
                .containsExactlyInAnyOrder("settings.temperature", "settings.maxTokens");
        assertThat(params(bundled, with(ok, "providerSettings", Map.of("google", Map.of("enhancePrompt", "no")))))
                .containsExactlyInAnyOrder("providerSettings.google.enhancePrompt", "settings.maxTokens",
                        "providerSettings");
    }

    @Test
    void annotationsDecideNothingYetWhatRefersIntoThemStillCounts() {
        // The validator compiles schemas without their annotations; a parameter named like one stays, and a
        // reference into an annotation's value makes it compile the whole schema instead.
        String schema = "/airgen/test-schemas/annotation-ref.json";
        assertThat(check(schema, Map.of("description", "a prompt", "steps", 20))).isEmpty();
        assertThat(params(schema, Map.of("description", "a prompt", "steps", 80))).containsExactly("steps");
        assertThat(params(schema, Map.of("description", 1, "steps", "many"))).containsExactlyInAnyOrder("description", "steps");
        assertThat(params(schema, Map.of("steps", 20))).containsExactly("description");
    }

    @Test
    void missingSchemaResourceIsNamed() {
        JsonNode any = Json.mapper().createObjectNode();
        assertThatThrownBy(() -> validator.validateTree(getClass().getClassLoader(), "/airgen/nope.json", any))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/airgen/nope.json")
                .hasMessageContaining("not on the classpath");
    }
}
