package dev.airgen.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaExceptionTest {

    @Test
    void controlAndBidiCharactersFromSchemasAreShownEscaped() {
        SchemaException e = new SchemaException("a\u001b[2Jb.json", "/properties/x\u202eevil\nnext", "unknown keyword \u0007\u0085");

        assertThat(e.getMessage()).isEqualTo("a\\u001b[2Jb.json#/properties/x\\u202eevil\\u000anext: unknown keyword \\u0007\\u0085");
        assertThat(e.getMessage()).doesNotContainPattern("[\\p{Cc}\\u202a-\\u202e\\u2066-\\u2069]");
        assertThat(e.pointer()).isEqualTo("/properties/x\\u202eevil\\u000anext");
    }

    @Test
    void ordinaryTextIsUntouched() {
        SchemaException e = new SchemaException("schema-map.json", "/inference/0/request/properties/größe", "not a schema: \"x\"");
        assertThat(e.getMessage()).isEqualTo("schema-map.json#/inference/0/request/properties/größe: not a schema: \"x\"");
    }
}
