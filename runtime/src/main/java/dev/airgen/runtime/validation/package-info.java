/**
 * Offline validation of requests against their JSON Schemas: {@link dev.airgen.runtime.validation.SchemaValidator}
 * and the {@link dev.airgen.runtime.validation.Violation}s it reports. Types are non-null unless marked
 * {@code @Nullable}.
 */
@NullMarked
package dev.airgen.runtime.validation;

import org.jspecify.annotations.NullMarked;
