/**
 * The small contract that generated code is written against: request and result interfaces,
 * forward-compatible values (open enums, raw JSON values, media inputs) and the base class that keeps
 * unknown fields. Everything here reads and writes with plain Jackson annotations, so both a Jackson 2
 * and a Jackson 3 {@code ObjectMapper} handle generated classes without extra modules. Types are non-null
 * unless marked {@code @Nullable}.
 */
@NullMarked
package dev.airgen.runtime.types;

import org.jspecify.annotations.NullMarked;
