package dev.airgen.schema.keyword;

import static org.assertj.core.api.Assertions.assertThat;

import dev.airgen.schema.keyword.Keywords.Holds;
import dev.airgen.schema.keyword.Keywords.Keyword;
import dev.airgen.schema.keyword.Keywords.Role;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keyword table and the views read from it. */
class KeywordsTest {

    @Test
    void viewsListTheTableRowsInTableOrder() {
        List<String> narrowing = new ArrayList<>();
        for (Keyword k : Keywords.all()) {
            if (k.is(Role.NARROWING)) {
                narrowing.add(k.name());
            }
        }
        assertThat(Keywords.NARROWING).containsExactlyElementsOf(narrowing);
        assertThat(Keywords.CROSS_FIELD).containsExactly("oneOf", "anyOf", "not", "if", "then", "else",
                "dependentRequired", "dependencies", "dependentSchemas");
        assertThat(Keywords.ALTERNATIVES).containsExactly("oneOf", "anyOf");
        assertThat(Keywords.VALUE_CONSTRAINTS).startsWith("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")
                .endsWith("contentEncoding", "contentMediaType");
    }

    @Test
    void eachLowerBoundStandsAtTheIndexOfItsUpperBound() {
        assertThat(Keywords.LOWER_BOUNDS).hasSameSizeAs(Keywords.UPPER_BOUNDS);
        for (int i = 0; i < Keywords.LOWER_BOUNDS.size(); i++) {
            String lower = Keywords.LOWER_BOUNDS.get(i);
            String upper = Keywords.UPPER_BOUNDS.get(i);
            assertThat(upper).isEqualTo(lower.replace("min", "max").replace("Min", "Max"));
            assertThat(Keywords.checks(upper)).isEqualTo(Keywords.checks(lower)).isNotNull();
        }
    }

    @Test
    void whatAValueHoldsDecidesWhereSchemasAreSought() {
        assertThat(Keywords.of("items").holds()).isEqualTo(Holds.SCHEMA);
        assertThat(Keywords.of("const").holds()).isEqualTo(Holds.DATA);
        assertThat(Keywords.of("dependencies").holds()).isEqualTo(Holds.SCHEMA_OR_NAMES_MAP);
        assertThat(Keywords.DATA).doesNotContainAnyElementsOf(Keywords.SUBSCHEMA);
        assertThat(Keywords.of("x-unknown")).isNull();
        assertThat(Keywords.checks("x-unknown")).isNull();
    }

    @Test
    void annotationsNeverNarrowAndNarrowingNeverIdentifies() {
        for (Keyword k : Keywords.all()) {
            if (k.is(Role.ANNOTATION)) {
                assertThat(k.roles()).as(k.name()).containsExactly(Role.ANNOTATION);
            }
            if (k.is(Role.VALUE_CONSTRAINT)) {
                assertThat(k.is(Role.NARROWING)).as(k.name()).isTrue();
            }
        }
        assertThat(Keywords.ANNOTATIONS).contains("x-response-schema", "readOnly").doesNotContain("const", "enum");
    }

    @Test
    void inPlaceKeywordsApplyToTheValueItselfNeverToAMemberOrElement() {
        assertThat(Keywords.IN_PLACE).containsExactly("allOf", "oneOf", "anyOf", "not", "if", "then", "else");
        assertThat(Keywords.IN_PLACE).doesNotContainAnyElementsOf(Keywords.SUBSCHEMA_MAP)
                .doesNotContain("items", "additionalProperties", "contains", "propertyNames");
    }
}
