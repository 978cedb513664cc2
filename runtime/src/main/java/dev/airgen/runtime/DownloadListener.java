package dev.airgen.runtime;

/** Told how far a download has come. */
@FunctionalInterface
public interface DownloadListener {

    /**
     * @param bytesRead  bytes written to the file so far
     * @param totalBytes the size the server announced, or -1 when it did not
     */
    void onProgress(long bytesRead, long totalBytes);
}
