package dev.airgen.maven;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The proxy a refresh's downloads go through. A proxy from Maven's {@code settings.xml} comes first, chosen
 * the way Maven chooses one for a repository: the first active proxy whose protocol is the URL's scheme (an
 * {@code http} proxy also serves {@code https} URLs when no {@code https} proxy is set), unless the URL's
 * host is one of that proxy's {@code nonProxyHosts}. With no such proxy, the JVM's own selector decides,
 * which reads the {@code http.proxyHost}, {@code https.proxyHost}, {@code *.proxyPort} and
 * {@code http.nonProxyHosts} properties.
 *
 * <p>Proxy credentials go out with every request as {@code Proxy-Authorization: Basic}. A proxy that
 * tunnels {@code https} gets them only when the JVM allows Basic for tunnels
 * ({@code -Djdk.http.auth.tunneling.disabledSchemes=}); the JDK's client drops them otherwise.
 */
final class RefreshProxy extends ProxySelector {

    /** One proxy of {@code settings.xml}, its password already decrypted. Never prints the password. */
    static final class Entry {
        final String id;
        final String protocol;
        final String host;
        final int port;
        private final String username;
        private final String password;
        private final List<Pattern> nonProxyHosts;

        /**
         * @param nonProxyHosts Maven's form: host patterns separated by {@code |} (or {@code ,}), {@code *}
         *                      standing for any run of characters; case does not matter
         */
        Entry(String id, String protocol, String host, int port, String username, String password, String nonProxyHosts) {
            this.id = id == null ? "default" : id;
            this.protocol = protocol == null || protocol.isBlank() ? "http" : protocol.trim().toLowerCase(Locale.ROOT);
            this.host = host;
            this.port = port;
            this.username = username == null || username.isEmpty() ? null : username;
            this.password = password == null ? "" : password;
            List<Pattern> patterns = new ArrayList<>();
            if (nonProxyHosts != null) {
                for (String pattern : nonProxyHosts.split("[|,]")) {
                    if (!pattern.isBlank()) {
                        patterns.add(Pattern.compile(Pattern.quote(pattern.trim()).replace("*", "\\E.*\\Q"), Pattern.CASE_INSENSITIVE));
                    }
                }
            }
            this.nonProxyHosts = List.copyOf(patterns);
        }

        boolean excludes(String urlHost) {
            return nonProxyHosts.stream().anyMatch(p -> p.matcher(urlHost).matches());
        }

        @Override
        public String toString() {
            return host + ":" + port + " (settings.xml proxy '" + id + "'" + (username == null ? "" : ", user " + username) + ")";
        }
    }

    private final List<Entry> entries;
    private final ProxySelector fallback;

    /** @param fallback decides when no entry applies; null for direct connections */
    RefreshProxy(List<Entry> entries, ProxySelector fallback) {
        this.entries = List.copyOf(entries);
        this.fallback = fallback;
    }

    /** Only the JVM's selector: what a refresh without Maven settings uses. */
    static RefreshProxy jvm() {
        return new RefreshProxy(List.of(), ProxySelector.getDefault());
    }

    @Override
    public List<Proxy> select(URI uri) {
        Entry entry = entry(uri);
        if (entry != null) {
            return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(entry.host, entry.port)));
        }
        if (candidates(uri).isEmpty() && fallback != null) {
            return fallback.select(uri);
        }
        return List.of(Proxy.NO_PROXY);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        if (candidates(uri).isEmpty() && fallback != null) {
            fallback.connectFailed(uri, address, failure);
        }
    }

    /** The settings.xml proxy a request to {@code uri} goes through, or null. */
    Entry entry(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost();
        for (Entry entry : candidates(uri)) {
            if (!entry.excludes(host)) {
                return entry;
            }
        }
        return null;
    }

    /** The settings.xml proxies for the URL's scheme: those of the scheme itself, else for https the http ones. */
    private List<Entry> candidates(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        List<Entry> same = entries.stream().filter(e -> e.protocol.equals(scheme)).toList();
        if (same.isEmpty() && scheme.equals("https")) {
            return entries.stream().filter(e -> e.protocol.equals("http")).toList();
        }
        return same;
    }

    /** Whether a request to {@code uri} goes through a settings.xml proxy that has credentials. */
    boolean hasCredentials(URI uri) {
        Entry entry = entry(uri);
        return entry != null && entry.username != null;
    }

    /** Adds the settings.xml proxy's credentials to a request, when it goes through one that has them. */
    HttpRequest.Builder authorize(HttpRequest.Builder request, URI uri) {
        Entry entry = entry(uri);
        if (entry != null && entry.username != null) {
            String pair = entry.username + ":" + entry.password;
            request.header("Proxy-Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return request;
    }

    /** How a request to {@code uri} travels, for error messages: the proxy and where it was configured, or null when direct. */
    String via(URI uri) {
        Entry entry = entry(uri);
        if (entry != null) {
            return entry.toString();
        }
        for (Proxy proxy : select(uri)) {
            if (proxy.type() != Proxy.Type.DIRECT && proxy.address() instanceof InetSocketAddress address) {
                return address.getHostString() + ":" + address.getPort() + " (the JVM's proxy settings)";
            }
        }
        return null;
    }
}
