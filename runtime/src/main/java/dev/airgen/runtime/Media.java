package dev.airgen.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Files in and out: data URIs for uploads, and downloads of output URLs. */
final class Media {

    private final TransportSettings settings;
    private final Consumer<URI> schemeCheck;

    /** @param schemeCheck refuses a URL the client may not fetch (plain http to a remote host, unless allowed) */
    public Media(TransportSettings settings, Consumer<URI> schemeCheck) {
        this.settings = settings;
        this.schemeCheck = schemeCheck;
    }

    /** A file as a base64 data URI, its type guessed from its content type or name. */
    public static String dataUri(Path file) {
        try {
            String type = Files.probeContentType(file);
            if (type == null) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                type = name.endsWith(".png") ? "image/png" : name.endsWith(".jpg") || name.endsWith(".jpeg")
                        ? "image/jpeg" : name.endsWith(".webp") ? "image/webp" : "application/octet-stream";
            }
            return dataUri(Files.readAllBytes(file), type);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static String dataUri(byte[] bytes, String mimeType) {
        Objects.requireNonNull(mimeType, "mimeType");
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Downloads {@code url} to {@code target}: written beside it first, then moved, so the file appears
     * complete or not at all. Each redirect is checked like the URL itself; the API key is never sent.
     *
     * @return the number of bytes written
     */
    public long download(URI url, Path target, DownloadListener listener, Duration limit) {
        Path dir = target.toAbsolutePath().getParent();
        Path part = null;
        ScheduledFuture<?> guard = null;
        try {
            HttpResponse<InputStream> response = open(url);
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new RunwareTransportException(RunwareException.details(
                            ErrorCategory.classify(null, response.statusCode()), "downloadFailed",
                            "download answered HTTP " + response.statusCode()).httpStatus(response.statusCode()), null);
                }
                guard = settings.scheduler().schedule(() -> closeQuietly(in), limit.toNanos(), TimeUnit.NANOSECONDS);
                long total = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                part = Files.createTempFile(dir, target.getFileName().toString(), ".part");
                long written = 0;
                try (OutputStream out = Files.newOutputStream(part)) {
                    byte[] buffer = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, n);
                        written += n;
                        if (listener != null) {
                            listener.onProgress(written, total);
                        }
                    }
                }
                if (total >= 0 && written != total) {
                    throw Failures.connection("downloadTruncated", "download ended after " + written + " of "
                            + total + " bytes", null);
                }
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                part = null;
                return written;
            }
        } catch (IOException e) {
            throw Failures.wrap(e, url);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.aborted("interrupted while downloading");
        } finally {
            if (guard != null) {
                guard.cancel(false);
            }
            if (part != null) {
                try {
                    Files.deleteIfExists(part);
                } catch (IOException ignored) {
                    // the partial file is in the target's folder with a .part suffix; nothing else to do
                }
            }
        }
    }

    /** GETs a download URL, following a few redirects itself so that each hop is checked. */
    private HttpResponse<InputStream> open(URI url) throws IOException, InterruptedException {
        URI current = url;
        for (int hop = 0; ; hop++) {
            schemeCheck.accept(current);
            HttpRequest request = HttpRequest.newBuilder(current).timeout(settings.requestTimeout())
                    .header("User-Agent", settings.userAgent()).GET().build();
            HttpResponse<InputStream> response = settings.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            var location = response.headers().firstValue("Location");
            if (status / 100 != 3 || location.isEmpty() || status == 304) {
                return response;
            }
            response.body().close();
            if (hop >= 5) {
                throw Failures.connection("tooManyRedirects", "download redirected more than 5 times", null);
            }
            current = current.resolve(location.get());
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // closing interrupts a read that outlived its deadline
        }
    }
}
