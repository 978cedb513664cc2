package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.runtime.fixtures.ImageRequest;
import dev.airgen.runtime.internal.Validators;
import dev.airgen.runtime.internal.access.TypesAccess;
import dev.airgen.runtime.validation.SchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The client sets up JSON ahead of the first request, and compiles a request class's schema ahead of its
 * first validation, on its executor.
 */
class WarmUpTest {

    /** Records what the client hands to its executor instead of running it. */
    private static final class Recording implements Executor {
        final List<Runnable> tasks = new ArrayList<>();

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }
    }

    @Test
    void aClientHandsItsJsonWarmUpToItsExecutorAndCompilesNoSchema() {
        for (boolean validation : new boolean[] {true, false}) {
            Recording executor = new Recording();
            SchemaValidator validator = SchemaValidator.create();
            try (RunwareClient client = RunwareClient.builder().apiKey("k").executor(executor).validation(validation)
                    .schemaValidator(validator).build()) {
                assertThat(executor.tasks).as("JSON only: networknt loads when a request first needs it").hasSize(1);
                executor.tasks.forEach(Runnable::run); // never throws, whatever happens inside
            }
            assertThat(validator.compiledCount()).isZero();
        }
    }

    @Test
    void theJsonWarmUpWritesAnObjectOfTheGeneratedKindAsRequestsAreWritten() {
        Requests.WarmUpObject object = new Requests.WarmUpObject("warm-up", 1);
        assertThat(TypesAccess.tree(object).toString()).isEqualTo("{\"name\":\"warm-up\",\"count\":1}");
        assertThat(dev.airgen.runtime.types.Json.mapper().writeValueAsString(object)).isEqualTo("{\"name\":\"warm-up\",\"count\":1}");
        assertThat(object.toString()).contains("warm-up", "1");
    }

    @Test
    void theFirstRequestOfAClassCompilesItsSchemaAhead() {
        Recording executor = new Recording();
        SchemaValidator validator = SchemaValidator.create();
        Requests requests = new Requests(validator, true, WarmUpTest.class.getClassLoader(), executor);
        requests.prepare(ImageRequest.of("a lighthouse"), null);
        requests.prepare(ImageRequest.of("a harbour"), null);
        assertThat(executor.tasks).as("once per request class").hasSize(1);
        int compiledByTheCaller = validator.compiledCount();
        executor.tasks.get(0).run();
        assertThat(validator.compiledCount()).as("the same schema, compiled once").isEqualTo(compiledByTheCaller).isEqualTo(1);
    }

    @Test
    void compilingAheadCompilesTheNamedSchemaOnly() {
        SchemaValidator validator = SchemaValidator.create();
        Validators.compile(validator, WarmUpTest.class.getClassLoader(), ImageRequest.of("x").requestSchema());
        assertThat(validator.compiledCount()).isEqualTo(1);
    }

    @Test
    void withoutValidationTheAheadWorkCompilesNothing() {
        Recording executor = new Recording();
        SchemaValidator validator = SchemaValidator.create();
        new Requests(validator, false, WarmUpTest.class.getClassLoader(), executor).prepare(ImageRequest.of("x"), null);
        assertThat(executor.tasks).as("nothing to compile, so nothing handed over").isEmpty();
        assertThat(validator.compiledCount()).isZero();
    }

    @Test
    void theResultReaderIsBuiltAfterTheRequestOnceAClass() {
        Recording executor = new Recording();
        Requests requests = new Requests(SchemaValidator.create(), true, WarmUpTest.class.getClassLoader(), executor);
        requests.prepare(ImageRequest.of("a lighthouse"), null);
        assertThat(executor.tasks).as("preparing the request compiles its schema only").hasSize(1);
        requests.prepareResultReader(ImageRequest.of("a lighthouse"));
        requests.prepareResultReader(ImageRequest.of("a harbour"));
        assertThat(executor.tasks).as("one reader per request class").hasSize(2);
        executor.tasks.forEach(Runnable::run);
    }

    @Test
    void anExecutorThatRefusesIsNotAnError() {
        try (RunwareClient client = RunwareClient.builder().apiKey("k")
                .executor(task -> {
                    throw new java.util.concurrent.RejectedExecutionException("full");
                }).build()) {
            assertThat(client).isNotNull();
        }
    }
}
