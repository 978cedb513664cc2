package dev.airgen.modelschemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** The catalog describes every model of the bundle and a few community checkpoints per architecture. */
class CatalogTest {

    private static final Set<String> FIELDS =
            Set.of("air", "slug", "name", "creator", "taskType", "architecture", "capabilities", "status", "releasedAt");

    @Test
    void entriesAreWellFormedAndUnique() {
        JsonNode catalog = Snapshot.catalog();
        assertThat(catalog.isArray()).isTrue();
        Set<String> airs = new HashSet<>();
        Set<String> architectures = new HashSet<>(Snapshot.schemaMap().path("architectures").propertyNames());
        for (JsonNode e : catalog) {
            String air = e.path("air").asString("");
            assertThat(air).as("air of " + e).matches("[^:@\\s]+:[^@\\s]+@[^\\s]+");
            assertThat(airs.add(air)).as("duplicate " + air).isTrue();
            assertThat(e.propertyNames()).as(air).allMatch(FIELDS::contains);
            if (e.has("architecture")) {
                assertThat(architectures).as(air + " architecture").contains(e.path("architecture").asString());
            }
            if (e.has("releasedAt")) {
                assertThat(e.path("releasedAt").asString()).as(air).matches("\\d{4}-\\d{2}-\\d{2}(T.*)?");
            }
            if (e.has("capabilities")) {
                assertThat(e.path("capabilities").isArray()).as(air).isTrue();
            }
        }
    }

    @Test
    void everyBundledModelIsInTheCatalogWithTheSameSlugAndTaskType() {
        Map<String, JsonNode> byAir = new HashMap<>();
        Snapshot.catalog().forEach(e -> byAir.put(e.path("air").asString(), e));
        for (JsonNode m : Snapshot.schemaMap().path("inference")) {
            String air = m.path("air").asString();
            JsonNode entry = byAir.get(air);
            assertThat(entry).as("catalog entry for " + air).isNotNull();
            assertThat(entry.path("slug").asString()).as(air).isEqualTo(m.path("slug").asString());
            assertThat(entry.path("taskType").asString()).as(air)
                    .isEqualTo(m.path("requestSchema").path("properties").path("taskType").path("const").asString());
        }
    }

    @Test
    void communityCheckpointsWithoutOwnSchemaNameTheirArchitecture() {
        Set<String> bundled = new HashSet<>();
        Snapshot.schemaMap().path("inference").forEach(m -> bundled.add(m.path("air").asString()));
        Set<String> covered = new HashSet<>();
        for (JsonNode e : Snapshot.catalog()) {
            String air = e.path("air").asString();
            if (air.startsWith("civitai:") && !bundled.contains(air)) {
                assertThat(e.has("architecture")).as(air).isTrue();
                assertThat(e.path("taskType").asString()).as(air).isEqualTo("imageInference");
                covered.add(e.path("architecture").asString());
            }
        }
        assertThat(covered).containsAll(List.of("sd-1-5", "sdxl", "pony", "illustrious", "noobai", "flux-1-dev"));
    }
}
