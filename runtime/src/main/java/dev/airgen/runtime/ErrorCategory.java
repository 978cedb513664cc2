package dev.airgen.runtime;

import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A stable grouping of Runware's error codes. The raw codes number in the hundreds and change
 * between releases; code that decides what to do next (retry, fix input, top up) should look at
 * the category instead.
 */
public enum ErrorCategory {
    /** The request breaks a schema rule (client side) or was rejected as invalid by the server. */
    VALIDATION(false),
    /** Missing, wrong or disabled API key, or missing permission. */
    AUTH(false),
    /** Not enough credits or a quota is used up. */
    QUOTA(false),
    /** The service asked to slow down (HTTP 429 and rate-limit codes). */
    RATE_LIMIT(true),
    /** A content-safety check blocked the prompt, an input or an output. */
    SAFETY(false),
    /** The model provider failed to produce a result. */
    PROVIDER(true),
    /** A deadline passed: an HTTP call, a poll budget or a provider-side timeout. */
    TIMEOUT(true),
    /** The task, model or resource does not exist (any more). */
    NOT_FOUND(false),
    /** The service failed internally or answered with something unreadable. */
    SERVER_ERROR(true),
    /** The network failed: refused, reset, dropped WebSocket, TLS failure. */
    CONNECTION(true),
    /** The caller gave up waiting (cancellation or client shutdown). */
    ABORTED(false),
    /** A code the classifier does not know. */
    UNKNOWN(false);

    private final boolean retryable;

    ErrorCategory(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether failures of this kind usually go away when the same task is sent again later. */
    public boolean isRetryable() {
        return retryable;
    }

    private static final Set<String> SAFETY_CODES = Set.of(
            "contentpolicyviolation", "providercontentpolicyviolation", "sensitivecontentdetected",
            "unsafecontentdetected", "nsfwcontentdetected", "promptblocked", "imageblocked", "moderationfailed");
    private static final Set<String> AUTH_CODES = Set.of(
            "unauthorized", "forbidden", "tokenexpired", "authfailed", "authenticationfailed", "missingapikey");
    private static final Set<String> NOT_FOUND_CODES = Set.of(
            "taskcancelled", "taskfailedornotfound", "unknownmodel");
    private static final Set<String> SERVER_CODES = Set.of(
            "internalservererror", "serviceunavailable", "servererror", "badgateway", "gatewaytimeout");
    private static final Set<String> PROVIDER_CODES = Set.of(
            "inferenceerror", "processingfailed", "taskfailed", "downloadfailed", "uploadfailed",
            "noavailableserver", "modelunavailable", "modeldisabled", "modelnotready");
    private static final Set<String> VALIDATION_CODES = Set.of(
            "unknownparameter", "incompatibleparameters", "mismatchprovidersettingsprovider",
            "unknownprovidersettingsprovider", "validationfailed");
    private static final String[] VALIDATION_PREFIXES = {
            "invalid", "missing", "conflict", "duplicate", "unsupported", "value", "array", "max", "min"};

    /**
     * Classifies a raw error code, falling back to the HTTP status when the code says nothing.
     *
     * @param code       the server's {@code code}, may be null
     * @param httpStatus the HTTP status of the response, or 0 when there was none (WebSocket)
     */
    public static ErrorCategory classify(@Nullable String code, int httpStatus) {
        ErrorCategory byCode = fromCode(code);
        if (byCode != UNKNOWN) {
            return byCode;
        }
        return fromStatus(httpStatus);
    }

    static ErrorCategory fromStatus(int status) {
        return switch (status) {
            case 400, 422 -> VALIDATION;
            case 401, 403 -> AUTH;
            case 402 -> QUOTA;
            case 404, 410 -> NOT_FOUND;
            case 408, 504 -> TIMEOUT;
            case 429 -> RATE_LIMIT;
            default -> status >= 500 && status < 600 ? SERVER_ERROR : UNKNOWN;
        };
    }

    private static ErrorCategory fromCode(String code) {
        if (code == null || code.isBlank()) {
            return UNKNOWN;
        }
        String c = code.toLowerCase(Locale.ROOT);
        if (c.contains("credit") || c.contains("quota") || c.contains("balance")) {
            return QUOTA;
        }
        if (c.contains("ratelimit")) {
            return RATE_LIMIT;
        }
        if (SAFETY_CODES.contains(c)) {
            return SAFETY;
        }
        if (AUTH_CODES.contains(c) || c.startsWith("invalidapikey") || c.startsWith("accountsuspended")) {
            return AUTH;
        }
        if (c.contains("timeout")) {
            return TIMEOUT;
        }
        if (NOT_FOUND_CODES.contains(c) || c.endsWith("notfound") || c.endsWith("expired")) {
            return NOT_FOUND;
        }
        if (SERVER_CODES.contains(c)) {
            return SERVER_ERROR;
        }
        if (PROVIDER_CODES.contains(c) || c.startsWith("provider")) {
            return PROVIDER;
        }
        if (VALIDATION_CODES.contains(c)) {
            return VALIDATION;
        }
        for (String prefix : VALIDATION_PREFIXES) {
            if (c.startsWith(prefix)) {
                return VALIDATION;
            }
        }
        return UNKNOWN;
    }
}
