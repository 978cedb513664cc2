package dev.airgen.benchmarks.hotpath;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.airgen.benchmarks.Requests;
import dev.airgen.benchmarks.models.BflFlux1DevRequest;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.internal.Validators;
import dev.airgen.runtime.internal.access.TypesAccess;
import dev.airgen.runtime.validation.SchemaValidator;
import dev.airgen.runtime.validation.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;

/**
 * The work the client does per task before and after the network, piece by piece, next to what plain
 * Jackson and networknt cost for the same JSON. Every validation sees a request that is valid, so the
 * numbers are for the common path; the setup fails if one is not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPaths {

    private SchemaValidator validator;
    private ClassLoader loader;
    private JsonNode fluxTree;
    private JsonNode klingTree;
    private Schema fluxDirect;
    private Schema klingDirect;
    private byte[] fluxResult;

    @Setup
    public void setUp() throws IOException {
        validator = SchemaValidator.create();
        loader = BflFlux1DevRequest.class.getClassLoader();
        fluxTree = TypesAccess.tree(Requests.flux());
        klingTree = TypesAccess.tree(Requests.kling());
        fluxDirect = direct(Requests.FLUX_SCHEMA);
        klingDirect = direct(Requests.KLING_SCHEMA);
        fluxResult = Requests.fluxResult();
        requireValid("FLUX", Validators.validate(validator, loader, Requests.FLUX_SCHEMA, fluxTree), fluxDirect.validate(fluxTree));
        requireValid("Kling", Validators.validate(validator, loader, Requests.KLING_SCHEMA, klingTree), klingDirect.validate(klingTree));
    }

    /** networknt on its own: the same schema file, the same dialect and format assertions as the runtime. */
    static Schema direct(String resource) throws IOException {
        JsonNode root;
        try (InputStream in = HotPaths.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            root = Json.mapper().readTree(in);
        }
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2019_09, b -> b
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
        Schema schema = registry.getSchema(SchemaLocation.of("classpath:" + resource), root);
        schema.initializeValidators();
        return schema;
    }

    private static void requireValid(String what, List<Violation> airgen, List<com.networknt.schema.Error> networknt) {
        if (!airgen.isEmpty() || !networknt.isEmpty()) {
            throw new IllegalStateException("the typical " + what + " request is not valid: " + airgen + " / " + networknt);
        }
    }

    // ------------------------------------------------------------------ FLUX

    /** Builder plus serialization of the generated class. */
    @Benchmark
    public byte[] fluxBuildSerialize() {
        return Json.mapper().writeValueAsBytes(Requests.flux());
    }

    /** The same JSON with Jackson alone: a tree built by hand, then written. */
    @Benchmark
    public byte[] fluxJacksonOnly() {
        return Json.mapper().writeValueAsBytes(Requests.fluxJackson());
    }

    /** What the client does before sending: build, turn into a tree, validate, write. */
    @Benchmark
    public byte[] fluxBuildValidateSerialize() {
        JsonNode tree = TypesAccess.tree(Requests.flux());
        List<Violation> violations = Validators.validate(validator, loader, Requests.FLUX_SCHEMA, tree);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(violations.toString());
        }
        return Json.mapper().writeValueAsBytes(tree);
    }

    /** The client's path without validation: building the tree and writing it. */
    @Benchmark
    public byte[] fluxBuildTreeSerialize() {
        return Json.mapper().writeValueAsBytes(TypesAccess.tree(Requests.flux()));
    }

    /** The runtime's validator on a ready tree (schema compiled and cached). */
    @Benchmark
    public List<Violation> fluxValidate() {
        return Validators.validate(validator, loader, Requests.FLUX_SCHEMA, fluxTree);
    }

    /** networknt used directly on the same tree. */
    @Benchmark
    public List<com.networknt.schema.Error> fluxValidateNetworkntDirect() {
        return fluxDirect.validate(fluxTree);
    }

    // ------------------------------------------------------------------ Kling

    @Benchmark
    public byte[] klingBuildSerialize() {
        return Json.mapper().writeValueAsBytes(Requests.kling());
    }

    @Benchmark
    public byte[] klingJacksonOnly() {
        return Json.mapper().writeValueAsBytes(Requests.klingJackson());
    }

    @Benchmark
    public byte[] klingBuildValidateSerialize() {
        JsonNode tree = TypesAccess.tree(Requests.kling());
        List<Violation> violations = Validators.validate(validator, loader, Requests.KLING_SCHEMA, tree);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(violations.toString());
        }
        return Json.mapper().writeValueAsBytes(tree);
    }

    @Benchmark
    public byte[] klingBuildTreeSerialize() {
        return Json.mapper().writeValueAsBytes(TypesAccess.tree(Requests.kling()));
    }

    @Benchmark
    public List<Violation> klingValidate() {
        return Validators.validate(validator, loader, Requests.KLING_SCHEMA, klingTree);
    }

    @Benchmark
    public List<com.networknt.schema.Error> klingValidateNetworkntDirect() {
        return klingDirect.validate(klingTree);
    }

    // ------------------------------------------------------------------ results

    /** A result read into its generated class. */
    @Benchmark
    public BflFlux1DevRequest.Result resultDeserialize() {
        return Json.mapper().readValue(fluxResult, BflFlux1DevRequest.Result.class);
    }

    /** The same bytes read into a Jackson tree. */
    @Benchmark
    public JsonNode resultJacksonTree() {
        return Json.mapper().readTree(fluxResult);
    }
}
