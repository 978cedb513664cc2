package dev.airgen.runtime.internal;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/** The client's rule for endpoints and downloads: HTTPS/WSS, plain HTTP/WS only to loopback or when allowed. */
public final class Urls {

    private Urls() {
    }

    /**
     * {@code uri} when its scheme is {@code secure}, or {@code plain} to a loopback host or with
     * {@code allowInsecure}.
     *
     * @throws IllegalArgumentException naming {@code what} otherwise
     */
    public static URI check(URI uri, String what, String secure, String plain, boolean allowInsecure) {
        Objects.requireNonNull(uri, what);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException(what + " has no host: " + uri);
        }
        if (scheme.equals(secure)) {
            return uri;
        }
        if (scheme.equals(plain)) {
            if (allowInsecure || isLoopback(uri.getHost())) {
                return uri;
            }
            throw new IllegalArgumentException(what + " must use " + secure + ": " + uri
                    + " (plain " + plain + " is only allowed for loopback hosts or with allowInsecureHttp(true))");
        }
        throw new IllegalArgumentException(what + " must be a " + secure + " URL, got: " + uri);
    }

    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }
}
