package dev.airgen.runtime;

import org.jspecify.annotations.Nullable;

/**
 * Media stored on Runware's side, usable as a {@code MediaInput} by UUID.
 *
 * @param uuid the UUID to pass as input
 * @param url  a URL of the stored file, when the server returned one
 */
public record UploadedMedia(@Nullable String uuid, @Nullable String url) {
}
