package dev.airgen.maven;

import dev.airgen.schema.io.CappedBody;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Downloads one file of a refresh from an untrusted server, within limits: at most {@link Policy#maxBytes()}
 * bytes (a larger declared length is refused before the body is read, a longer body as soon as it passes the
 * cap), the whole exchange (connection, headers, every byte of the body, redirects) within
 * {@link Policy#deadline()}, and redirects followed only to the same origin (scheme, host and port) or to an
 * origin the policy allows, each one logged.
 */
final class SnapshotDownloader {

    /**
     * The limits of one download.
     *
     * @param maxBytes        largest body accepted
     * @param connectTimeout  time to open a connection
     * @param deadline        time for the whole download, redirects included
     * @param redirectOrigins origins ({@code https://host[:port]}) redirects may lead to besides the URL's own
     */
    record Policy(long maxBytes, Duration connectTimeout, Duration deadline, Set<String> redirectOrigins) {

        /** Runware's whole bundle is about 3 MiB; the default leaves it room to grow twentyfold. */
        static final long DEFAULT_MAX_BYTES = 64L * 1024 * 1024;
        static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(120);
        static final int MAX_REDIRECTS = 5;

        Policy {
            redirectOrigins = redirectOrigins.stream().map(Policy::normalizeOrigin).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }

        private static String normalizeOrigin(String origin) {
            URI uri = URI.create(origin.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("not an origin (scheme://host[:port]): " + origin);
            }
            return SnapshotDownloader.origin(uri);
        }
    }

    /** A download that failed; the message names the URL and what went wrong. */
    static final class DownloadException extends Exception {
        private static final long serialVersionUID = 1L;

        DownloadException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A finished response: status, URL (the last one, after redirects), body, and where a redirect points. */
    record Response(int status, URI url, byte[] body, String location) {
    }

    private final Policy policy;
    private final RefreshProxy proxy;
    private final HttpClient client;
    private final Consumer<String> log;

    /** Every request goes through {@code proxy}'s choice and carries its credentials when it has some. */
    SnapshotDownloader(Policy policy, RefreshProxy proxy, Consumer<String> log) {
        this.policy = policy;
        this.proxy = proxy;
        this.log = log;
        this.client = HttpClient.newBuilder().connectTimeout(policy.connectTimeout()).followRedirects(HttpClient.Redirect.NEVER)
                .proxy(proxy).build();
    }

    /**
     * Downloads {@code url}, following allowed redirects.
     *
     * @throws DownloadException when the server cannot be reached, the body is too large, the deadline passes,
     *                           or a redirect leads somewhere not allowed
     */
    Response get(URI url) throws DownloadException {
        long deadline = System.nanoTime() + policy.deadline().toNanos();
        URI current = url;
        for (int redirects = 0; ; redirects++) {
            Response response = exchange(url, current, deadline);
            String location = response.status() / 100 == 3 ? response.location() : null;
            if (location == null) {
                return response;
            }
            URI target;
            try {
                target = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new DownloadException(current + " redirects to a malformed location", e);
            }
            if (redirects >= Policy.MAX_REDIRECTS) {
                throw new DownloadException(url + " redirects more than " + Policy.MAX_REDIRECTS + " times (last to " + target + ")", null);
            }
            boolean sameOrigin = origin(target).equals(origin(url));
            if (!sameOrigin && !policy.redirectOrigins().contains(origin(target))) {
                throw new DownloadException(current + " redirects (HTTP " + response.status() + ") to " + target + ", another origin than "
                        + origin(url) + "; not followed (allow it with <redirectOrigins><redirectOrigin>" + origin(target)
                        + "</redirectOrigin></redirectOrigins>)", null);
            }
            log.accept("airgen: " + current + " redirects (HTTP " + response.status() + ") to " + target + "; following"
                    + (sameOrigin ? "" : " (an allowed origin)"));
            current = target;
        }
    }

    private Response exchange(URI original, URI url, long deadline) throws DownloadException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timeout(original);
        }
        HttpRequest request = proxy.authorize(HttpRequest.newBuilder(url), url).timeout(Duration.ofNanos(remaining))
                .header("Accept", "application/json").GET().build();
        AtomicReference<CappedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            if (info.statusCode() / 100 == 3) {
                return HttpResponse.BodySubscribers.replacing(new byte[0]); // a redirect's body is never read
            }
            CappedBody subscriber = CappedBody.of(policy.maxBytes(), info);
            body.set(subscriber);
            return subscriber;
        });
        try {
            HttpResponse<byte[]> response = future.get(remaining, TimeUnit.NANOSECONDS);
            if (response.statusCode() == 407 && proxy.via(url) != null) {
                throw proxyRefused(url);
            }
            return new Response(response.statusCode(), url, response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (TimeoutException e) {
            future.cancel(true);
            CappedBody subscriber = body.get();
            if (subscriber != null) {
                subscriber.abort(new IOException("aborted at the deadline: " + url));
            }
            throw timeout(original);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DownloadException("interrupted while downloading " + url, e);
        } catch (ExecutionException e) {
            throw failure(url, e.getCause());
        }
    }

    private DownloadException proxyRefused(URI url) {
        String advice = !proxy.hasCredentials(url) ? "the proxy's username and password belong on its <proxy> in settings.xml"
                : "https".equalsIgnoreCase(url.getScheme())
                ? "the JDK sends Basic credentials to a proxy that tunnels https only when the JVM runs with"
                        + " -Djdk.http.auth.tunneling.disabledSchemes= (in MAVEN_OPTS or .mvn/jvm.config); otherwise check them"
                : "check the proxy's username and password in settings.xml";
        return new DownloadException("the proxy " + proxy.via(url) + " answered HTTP 407 (proxy authentication required) for " + url
                + ": " + advice, null);
    }

    /** {@code " through proxy ..."} when a request to {@code url} goes through one, else empty. */
    private String throughProxy(URI url) {
        String via = proxy.via(url);
        return via == null ? "" : " through proxy " + via;
    }

    private DownloadException timeout(URI url) {
        return new DownloadException("the download of " + url + throughProxy(url) + " did not finish within "
                + policy.deadline().toSeconds() + " s (the deadline covers the whole body)", null);
    }

    private DownloadException failure(URI url, Throwable cause) {
        if (cause instanceof CappedBody.TooLarge tooLarge) {
            return new DownloadException(url + " " + tooLarge.getMessage() + "; at most " + policy.maxBytes()
                    + " bytes are accepted (maxDownloadSize)", cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return new DownloadException("the download of " + url + throughProxy(url) + " did not finish within "
                    + policy.deadline().toSeconds() + " s", cause);
        }
        if (cause instanceof ConnectException) {
            String via = proxy.via(url);
            String to = via == null ? url.getHost() + ":" + port(url) : "proxy " + via;
            return new DownloadException("cannot connect to " + to + " (" + reason(cause) + ") for " + url, cause);
        }
        return new DownloadException("the download of " + url + throughProxy(url) + " failed: " + reason(cause), cause);
    }

    /** The origin of a URL, {@code scheme://host:port}, with the default port made explicit. */
    static String origin(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + ":" + port(url);
    }

    static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "unknown host";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getMessage();
            }
        }
        // The HTTP client reports a refused connection without any message.
        return e instanceof ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    /** The text of an error body, on one line and shortened, for a message. */
    static String errorText(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8).replaceAll("\\s+", " ").trim();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
