package dev.airgen.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.runtime.internal.Secret;
import dev.airgen.runtime.types.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnvelopeAndCategoryTest {

    private static Envelope parse(String json) {
        return Envelope.parse(Json.mapper().readTree(json));
    }

    @Test
    void dataAndErrorsTogether() {
        Envelope e = parse("{\"data\":[{\"taskUUID\":\"a\"}],\"errors\":[{\"code\":\"invalidX\",\"message\":\"m\","
                + "\"parameter\":\"x\",\"taskUUID\":\"b\"}]}");
        assertThat(e.items()).hasSize(1);
        assertThat(e.itemsFor("a")).hasSize(1);
        assertThat(e.errorsFor("b")).singleElement().satisfies(err -> assertThat(err.parameters()).containsExactly("x"));
    }

    @Test
    void singularErrorAsObjectOrArrayAndOuterTaskUUID() {
        assertThat(parse("{\"error\":{\"code\":\"c\",\"message\":\"m\"},\"taskUUID\":\"t\"}").errors())
                .singleElement().satisfies(err -> assertThat(err.taskUUID()).isEqualTo("t"));
        assertThat(parse("{\"error\":[{\"code\":\"c1\"},{\"code\":\"c2\",\"parameter\":[\"a\",\"b\"]}]}").errors())
                .extracting(err -> err.code()).containsExactly("c1", "c2");
    }

    @Test
    void legacyBooleanErrorBecomesAnAuthError() {
        Envelope e = parse("{\"error\":true,\"errorMessageContentId\":1212,\"errorId\":19,\"errorMessage\":\"Invalid api key\"}");
        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.code()).isEqualTo("invalidApiKey");
            assertThat(ErrorCategory.classify(err.code(), 0)).isEqualTo(ErrorCategory.AUTH);
        });
    }

    @Test
    void serverTextIsScrubbedOfTheKey() {
        try (Secret secret = new Secret("sk-abcdef123456")) {
            Envelope e = parse("{\"errors\":[{\"code\":\"invalidApiKey\",\"message\":\"key sk-abcdef123456 is unknown\"}]}");
            assertThat(e.errors().get(0).message()).isEqualTo("key *** is unknown");
            assertThat(secret.toString()).doesNotContain("abcdef");
        }
    }

    @Test
    void shapesOutsideTheProtocolAreMalformed() {
        assertThatThrownBy(() -> parse("\"text\"")).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> parse("{\"data\":5}")).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> parse("{\"data\":[1]}")).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> parse("{\"other\":1}")).isInstanceOf(MalformedResponseException.class);
        assertThatThrownBy(() -> parse("{\"errors\":[5]}")).isInstanceOf(MalformedResponseException.class);
    }

    @Test
    void categoriesFollowCodesThenStatus() {
        assertThat(ErrorCategory.classify("insufficientCredits", 400)).isEqualTo(ErrorCategory.QUOTA);
        assertThat(ErrorCategory.classify("rateLimitExceeded", 0)).isEqualTo(ErrorCategory.RATE_LIMIT);
        assertThat(ErrorCategory.classify("nsfwContentDetected", 0)).isEqualTo(ErrorCategory.SAFETY);
        assertThat(ErrorCategory.classify("invalidApiKey", 0)).isEqualTo(ErrorCategory.AUTH);
        assertThat(ErrorCategory.classify("timeoutProvider", 0)).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(ErrorCategory.classify("taskNotFound", 0)).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(ErrorCategory.classify("unknownModel", 0)).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(ErrorCategory.classify("internalServerError", 0)).isEqualTo(ErrorCategory.SERVER_ERROR);
        assertThat(ErrorCategory.classify("inferenceError", 0)).isEqualTo(ErrorCategory.PROVIDER);
        assertThat(ErrorCategory.classify("providerUnavailable", 0)).isEqualTo(ErrorCategory.PROVIDER);
        assertThat(ErrorCategory.classify("unsupportedParameter", 0)).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(ErrorCategory.classify("mismatchProviderSettingsProvider", 0)).isEqualTo(ErrorCategory.VALIDATION);
        assertThat(ErrorCategory.classify("somethingNew", 503)).isEqualTo(ErrorCategory.SERVER_ERROR);
        assertThat(ErrorCategory.classify(null, 402)).isEqualTo(ErrorCategory.QUOTA);
        assertThat(ErrorCategory.classify("somethingNew", 0)).isEqualTo(ErrorCategory.UNKNOWN);
        assertThat(ErrorCategory.RATE_LIMIT.isRetryable()).isTrue();
        assertThat(ErrorCategory.VALIDATION.isRetryable()).isFalse();
    }

    @Test
    void retryBackoffGrowsIsCappedAndHonoursHints() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), 0);
        assertThat(p.delay(0, null)).isEqualTo(Duration.ofMillis(100));
        assertThat(p.delay(1, null)).isEqualTo(Duration.ofMillis(200));
        assertThat(p.delay(3, null)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.delay(10, null)).isEqualTo(Duration.ofMillis(1000));
        assertThat(p.delay(0, Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        RetryPolicy jittered = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), 0.3);
        for (int i = 0; i < 50; i++) {
            assertThat(jittered.delay(0, null).toMillis()).isBetween(100L, 130L);
        }
    }

    @Test
    void pollingCadenceStartsAtOneSecondGrowsByHalfAndCapsAtTen() {
        PollingPolicy p = PollingPolicy.DEFAULT;
        assertThat(p.delay(0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.delay(1)).isEqualTo(Duration.ofMillis(1500));
        assertThat(p.delay(2)).isEqualTo(Duration.ofMillis(2250));
        assertThat(p.delay(20)).isEqualTo(Duration.ofSeconds(10));
    }
}
