package dev.airgen.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.benchmarks.models.BflFlux1DevRequest;
import dev.airgen.runtime.types.Json;
import dev.airgen.runtime.internal.Validators;
import dev.airgen.runtime.validation.SchemaValidator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** The benchmarks compare like with like only if these hold. */
class RequestsTest {

    private static final SchemaValidator VALIDATOR = SchemaValidator.create();

    @Test
    void typicalRequestsAreValidSoTheBenchmarksMeasureTheCommonPath() {
        assertThat(Validators.validate(VALIDATOR, getClass().getClassLoader(), Requests.FLUX_SCHEMA,
                Json.mapper().valueToTree(Requests.flux()))).isEmpty();
        assertThat(Validators.validate(VALIDATOR, getClass().getClassLoader(), Requests.KLING_SCHEMA,
                Json.mapper().valueToTree(Requests.kling()))).isEmpty();
    }

    @Test
    void theJacksonBaselineWritesTheSameJsonAsTheGeneratedClasses() {
        ObjectNode flux = Json.mapper().valueToTree(Requests.flux());
        ObjectNode fluxJackson = Requests.fluxJackson();
        fluxJackson.put("taskUUID", flux.get("taskUUID").asString());
        assertThat(fluxJackson).isEqualTo(flux);

        ObjectNode kling = Json.mapper().valueToTree(Requests.kling());
        ObjectNode klingJackson = Requests.klingJackson();
        klingJackson.put("taskUUID", kling.get("taskUUID").asString());
        assertThat(klingJackson).isEqualTo(kling);
    }

    @Test
    void theTypicalResultReadsIntoTheGeneratedClass() {
        BflFlux1DevRequest.Result result = Json.mapper().readValue(Requests.fluxResult(), BflFlux1DevRequest.Result.class);
        assertThat(result.imageUUID()).isEqualTo("0c2e9f4a-6f55-4b1e-8f7e-5d7d6c9b2a10");
        assertThat(result.imageURL()).hasValueSatisfying(url -> assertThat(url).endsWith(".webp"));
        assertThat(result.seed()).contains(42L);
    }
}
