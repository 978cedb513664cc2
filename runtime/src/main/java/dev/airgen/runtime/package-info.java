/**
 * The client: {@link dev.airgen.runtime.RunwareClient} and what its calls take and return (options, task
 * handles, results of batches and streams, webhook deliveries), and the exceptions it reports.
 *
 * <p>Everything in this package, {@code dev.airgen.runtime.types} and {@code dev.airgen.runtime.validation}
 * is API, listed in the runtime's public-API file and kept compatible. {@code dev.airgen.runtime.internal}
 * is not: it may change in any release. Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.airgen.runtime;

import org.jspecify.annotations.NullMarked;
