/**
 * Not API: the parts behind {@link dev.airgen.runtime.RunwareClient} (the task runner and its recovery
 * model, the REST and WebSocket channels, server-sent events, media transfers, the schema index, key
 * redaction and logging). Public only so that the API packages can use them; anything here may change or
 * disappear in any release without notice.
 */
package dev.airgen.runtime.internal;
