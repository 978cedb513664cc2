package dev.airgen.it;

import dev.airgen.schema.snapshot.BundledSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The example requests that ship with the bundled snapshot: per model file, the valid ones and the documented ones. */
final class ExampleCorpus {

    /** One request; {@code index} counts within its file and kind, {@code target} says which model the file is about. */
    record Example(String file, boolean documented, int index, JsonNode request, JsonNode target) {
        String name() {
            return file + (documented ? " documented#" : "#") + index;
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExampleCorpus() {
    }

    /** Every valid and documented example request, file by file in name order. */
    static List<Example> all() throws IOException {
        Path folder = BundledSnapshot.locate(ExampleCorpus.class.getClassLoader()).orElseThrow().getParent().resolve("examples");
        List<Example> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                JsonNode examples = JSON.readTree(Files.readAllBytes(file));
                String name = file.getFileName().toString();
                JsonNode valid = examples.path("valid");
                for (int i = 0; i < valid.size(); i++) {
                    out.add(new Example(name, false, i, valid.get(i), examples.path("target")));
                }
                JsonNode documented = examples.path("documented");
                for (int i = 0; i < documented.size(); i++) {
                    out.add(new Example(name, true, i, documented.get(i).path("request"), examples.path("target")));
                }
            }
        }
        return out;
    }
}
