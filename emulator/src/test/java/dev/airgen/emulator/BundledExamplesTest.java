package dev.airgen.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.schema.snapshot.BundledSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the request examples that ship beside the bundled snapshot (whatever they are) through an
 * emulator on that snapshot: valid and documented ones must succeed, invalid ones must fail naming their
 * parameter.
 */
class BundledExamplesTest extends BundledSnapshotEmulatorTest {
    private static final Set<String> STATELESS_UTILITIES = Set.of("accountManagement", "imageUpload", "mediaStorage",
            "modelSearch", "modelUpload");

    record Example(String file, JsonNode request, String parameter) {
    }

    static List<Example> examples(boolean valid) {
        Path root = BundledSnapshot.resource(BundledExamplesTest.class.getClassLoader(), "airgen/examples").orElse(null);
        if (root == null) {
            return List.of();
        }
        List<Example> out = new ArrayList<>();
        try {
            try (Stream<Path> files = Files.list(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode doc = JsonNodes.parse(Files.readAllBytes(f));
                    JsonNode target = doc.path("target");
                    boolean byModel = target.has("air");
                    boolean byUtility = STATELESS_UTILITIES.contains(target.path("utility").asString(""));
                    if (!byModel && !byUtility) {
                        continue; // architecture/modality/operation examples name AIRs that map elsewhere
                    }
                    String name = f.getFileName().toString();
                    if (valid) {
                        doc.path("valid").forEach(r -> out.add(new Example(name, r, null)));
                        doc.path("documented").forEach(d -> out.add(new Example(name + " (" + d.path("source").asString() + ")",
                                d.path("request"), null)));
                    } else {
                        doc.path("invalid").forEach(r -> out.add(new Example(name, r.path("request"), r.path("parameter").asString())));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static ObjectNode fresh(JsonNode request) {
        ObjectNode t = ((ObjectNode) request).deepCopy();
        t.put("taskUUID", TestSupport.uuid());
        return t;
    }

    @Test
    void validExamplesSucceed() {
        List<Example> all = examples(true);
        Assumptions.assumeFalse(all.isEmpty(), "the bundled snapshot ships no examples");
        List<String> failures = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        for (Example e : all) {
            ObjectNode t = fresh(e.request());
            TestSupport.Resp r = TestSupport.api(emulator, t);
            if ("stream".equals(t.path("deliveryMethod").asString(""))) {
                if (r.status() != 200 || !r.body().endsWith("data: [DONE]\n\n") || r.body().contains("\"errors\"")) {
                    failures.add(e.file() + " (stream): " + r.body());
                }
                continue;
            }
            if (r.status() != 200 || r.json().has("errors")) {
                if (r.status() == 400 && r.error(0).path("code").asString().equals("unsupportedOutputFormat")) {
                    unsupported.add(e.file() + " " + t.path("outputFormat").asString());
                    continue; // a documented limit of the emulator, not a validation mistake
                }
                failures.add(e.file() + ": " + r.body());
                continue;
            }
            if (r.data(0).path("status").isMissingNode() && !r.data(0).has("text") && r.data(0).size() == 2
                    && !"sync".equals(t.path("deliveryMethod").asString("async"))) {
                TestSupport.Resp done = TestSupport.pollUntil(emulator, t.get("taskUUID").asString(),
                        x -> !x.data(0).path("status").asString("").equals("processing"));
                if (!done.data(0).path("status").asString("").equals("success")) {
                    failures.add(e.file() + " (polled): " + done.body());
                }
            }
        }
        assertThat(failures).as("%d valid examples", all.size()).isEmpty();
        assertThat(unsupported).as("examples asking for formats the emulator cannot write").hasSizeLessThanOrEqualTo(all.size() / 20);
    }

    @Test
    void invalidExamplesNameTheirParameter() {
        List<Example> all = examples(false);
        Assumptions.assumeFalse(all.isEmpty(), "the bundled snapshot ships no examples");
        List<String> failures = new ArrayList<>();
        for (Example e : all) {
            TestSupport.Resp r = TestSupport.api(emulator, fresh(e.request()));
            JsonNode errors = r.json().path("errors");
            boolean named = false;
            for (JsonNode err : errors) {
                JsonNode p = err.path("parameter");
                List<String> params = new ArrayList<>();
                if (p.isArray()) {
                    p.forEach(x -> params.add(x.asString()));
                } else if (p.isString()) {
                    params.add(p.asString());
                }
                for (String blamed : params) {
                    named |= blamed.equals(e.parameter()) || e.parameter().startsWith(blamed + ".")
                            || blamed.startsWith(e.parameter() + ".");
                }
            }
            if (r.status() != 400 || !named) {
                failures.add(e.file() + " expects " + e.parameter() + ": " + r.status() + " " + r.body());
            }
        }
        assertThat(failures).as("%d invalid examples", all.size()).isEmpty();
    }
}
