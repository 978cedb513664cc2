package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;
import tools.jackson.databind.JsonNode;

/**
 * A cross-field rule of an object schema ({@code dependentRequired}, {@code oneOf} of allowed combinations,
 * {@code not}, {@code if}/{@code then}), with a plain-language summary for Javadoc.
 */
public record Rule(String keyword, JsonNode schema, String summary, Origin origin) {
}
