package dev.airgen.generator.schema;

import dev.airgen.schema.resolve.Origin;

/**
 * A media input on a request (image, mask, video, audio): on the wire a UUID, URL, data URI or base64
 * string. Recognised by property name, since Runware schemas often leave these untyped.
 */
public record MediaType(Origin origin, Constraints constraints) implements TypeNode {
}
