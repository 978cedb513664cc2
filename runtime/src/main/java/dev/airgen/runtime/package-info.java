/**
 * The client: {@link dev.airgen.runtime.RunwareClient} and what its calls take and return (options, task
 * handles, results of batches and streams, webhook deliveries), and the exceptions it reports.
 *
 * <p>Everything in this package, {@code dev.airgen.runtime.types} and {@code dev.airgen.runtime.validation}
 * is API, listed in the runtime's public-API file and kept compatible. The engine behind the client (the task
 * runner and its recovery model, the REST and WebSocket channels, server-sent events, media transfers, request
 * checks) lives here too, package-private, so that it can report failures through the public exceptions without
 * a second package depending back on this one. {@code dev.airgen.runtime.internal} is not API: it may change
 * in any release. Types are non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.airgen.runtime;

import org.jspecify.annotations.NullMarked;
