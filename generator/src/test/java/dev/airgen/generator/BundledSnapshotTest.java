package dev.airgen.generator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.generator.api.ApiSurface;
import dev.airgen.schema.snapshot.BundledSnapshot;
import dev.airgen.schema.snapshot.CatalogEntry;
import dev.airgen.schema.snapshot.Snapshot;
import dev.airgen.schema.snapshot.SnapshotReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole snapshot shipped in airgen-model-schemas generates (it is compiled and exercised end to end by
 * the integration tests), and every model's public API is the same whichever other models are generated.
 */
class BundledSnapshotTest {

    static final String PACKAGE = "dev.airgen.test.bundled";
    static Path snapshot;
    static Snapshot read;
    static GenerationResult whole;

    static Path bundledSnapshot() {
        return BundledSnapshot.locate(BundledSnapshotTest.class.getClassLoader()).orElseThrow();
    }

    @BeforeAll
    static void generateEverything() {
        snapshot = bundledSnapshot();
        read = SnapshotReader.read(snapshot);
        whole = new Generator().generate(GeneratorConfig.of(snapshot, PACKAGE), read);
        System.out.println("bundled snapshot: " + whole.report());
    }

    @Test
    void everyModelHasARequestClassWithItsResultNestedInside() {
        assertThat(whole.report().requestClasses()).isGreaterThan(350);
        assertThat(whole.api().types()).containsKeys("GoogleVeo31Request", "GoogleVeo31Request.Result",
                "GoogleVeo31Request.GoogleSettings", "BflFlux1DevRequest.Lora", "RunwareCatalog");
    }

    /**
     * Fifty seeded include lists (single AIRs and provider globs, 1 to 12 of them): every class generated
     * from a subset has exactly the API it has when the whole snapshot is generated.
     */
    @Test
    void aModelsApiDoesNotDependOnWhichOtherModelsAreGenerated() {
        List<String> airs = new ArrayList<>();
        TreeSet<String> providers = new TreeSet<>();
        for (CatalogEntry e : read.catalog()) {
            airs.add(e.air());
            providers.add(e.air().substring(0, e.air().indexOf(':')));
        }
        List<String> providerList = new ArrayList<>(providers);
        Random random = new Random(20261201L);
        int compared = 0;
        for (int round = 0; round < 50; round++) {
            List<String> includes = new ArrayList<>();
            int size = 1 + random.nextInt(12);
            for (int i = 0; i < size; i++) {
                includes.add(random.nextInt(6) == 0 ? providerList.get(random.nextInt(providerList.size())) + ":*"
                        : airs.get(random.nextInt(airs.size())));
            }
            GenerationResult subset = new Generator().generate(GeneratorConfig.of(snapshot, PACKAGE).withIncludes(includes), read);
            for (String type : subset.api().types().keySet()) {
                if (type.indexOf('.') < 0) {
                    ApiSurface part = subset.api().of(type);
                    ApiSurface reference = whole.api().of(type);
                    if (type.equals("RunwareCatalog")) {
                        // The catalog lists the included models only, under the same constant names.
                        assertThat(reference.types().get(type).members()).as("catalog with includes " + includes)
                                .containsAll(part.types().get(type).members());
                    } else {
                        assertThat(part.listing()).as(type + " generated with includes " + includes).isEqualTo(reference.listing());
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(200);
    }
}
