package dev.airgen.maven;

import dev.airgen.generator.GeneratorConfig;
import java.io.File;
import java.net.ProxySelector;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.Proxy;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * Pulls a snapshot from Runware's schemas service into {@code snapshot} and prints what changed against
 * the previous one: models added and removed, and per model the breaking changes (parameter removed,
 * newly required, enum values or ranges narrowed, type changed) and the additions.
 *
 * <p>Without {@code models}: downloads {@code /releases/{release}/schema-map.json} into the file, or
 * into {@code schema-map.json} inside the folder. With {@code models}: downloads each
 * {@code /resolve/{air}} document into the folder, one file per AIR.
 *
 * <p>The old snapshot is replaced only after everything was downloaded and checked, by moving finished
 * temporary files over it; on any network or format failure it stays byte for byte as it was.
 */
@Mojo(name = "refresh", threadSafe = true)
public class RefreshMojo extends AbstractMojo {

    /** The snapshot file or folder to update. Required: the bundled snapshot cannot be replaced in place. */
    @Parameter(property = "airgen.snapshot")
    private File snapshot;

    /** The schemas service. */
    @Parameter(property = "airgen.schemasUrl", defaultValue = "https://schemas.runware.ai")
    private String schemasUrl;

    /** The release to pull: {@code latest} or a version such as {@code 20260722152433}. */
    @Parameter(property = "airgen.release", defaultValue = "latest")
    private String release;

    /**
     * AIRs to fetch one by one from {@code /resolve/{air}} instead of a release bundle, e.g. community
     * fine-tunes such as {@code civitai:38784@44716}. On the command line: comma-separated.
     */
    @Parameter(property = "airgen.models")
    private List<String> models;

    /** Package of the generated classes, as for {@code airgen:generate}: the Java API changes are reported for it. */
    @Parameter(property = "airgen.packageName", defaultValue = GeneratorConfig.DEFAULT_PACKAGE)
    private String packageName;

    /** AIR globs of the models to generate, as for {@code airgen:generate}. */
    @Parameter
    private List<String> includes;

    /** AIR globs removed after {@code includes}, as for {@code airgen:generate}. */
    @Parameter
    private List<String> excludes;

    /** Fails, and writes nothing, when the new snapshot has breaking changes (in the schemas or the generated Java API). */
    @Parameter(property = "airgen.failOnBreaking", defaultValue = "false")
    private boolean failOnBreaking;

    /**
     * Largest download accepted, in bytes or with a {@code K}, {@code M} or {@code G} suffix (powers of 1024).
     * A larger declared length is refused before the body is read; a longer body as soon as it passes the cap.
     */
    @Parameter(property = "airgen.maxDownloadSize", defaultValue = "64M")
    private String maxDownloadSize;

    /** Seconds a whole download may take (connection, headers, every byte of the body and redirects). */
    @Parameter(property = "airgen.downloadTimeout", defaultValue = "120")
    private int downloadTimeout;

    /**
     * Origins ({@code https://host} or {@code https://host:port}) that redirects may lead to besides the
     * schemas service's own. Other redirects are refused; every redirect followed is logged.
     */
    @Parameter(property = "airgen.redirectOrigins")
    private List<String> redirectOrigins;

    /** The proxies of settings.xml. */
    @Parameter(defaultValue = "${settings}", readonly = true, required = true)
    private Settings settings;

    private final SettingsDecrypter decrypter;

    @Inject
    public RefreshMojo(SettingsDecrypter decrypter) {
        this.decrypter = decrypter;
    }

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (snapshot == null) {
            throw new MojoFailureException("airgen:refresh needs 'snapshot' (property airgen.snapshot): the file or folder to write "
                    + "the pulled snapshot to. Point airgen:generate at the same place; the bundled default cannot be refreshed in place.");
        }
        Path target = snapshot.toPath().toAbsolutePath().normalize();
        List<String> airs = GenerateMojo.clean(models);
        GeneratorConfig apiSettings;
        try {
            apiSettings = new GeneratorConfig(target, packageName, GenerateMojo.clean(includes), GenerateMojo.clean(excludes));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("airgen: packageName: " + e.getMessage(), e);
        }
        SnapshotDownloader.Policy policy;
        try {
            List<String> origins = GenerateMojo.clean(redirectOrigins);
            if (downloadTimeout <= 0) {
                throw new IllegalArgumentException("downloadTimeout must be a positive number of seconds, not " + downloadTimeout);
            }
            policy = new SnapshotDownloader.Policy(parseSize(maxDownloadSize), Duration.ofSeconds(Math.min(10, downloadTimeout)),
                    Duration.ofSeconds(downloadTimeout), java.util.Set.copyOf(origins));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("airgen:refresh: " + e.getMessage());
        }
        RefreshProxy proxy = proxy();
        try {
            String via = proxy.via(URI.create(schemasUrl));
            if (via != null) {
                getLog().info("airgen: downloading through proxy " + via);
            }
        } catch (IllegalArgumentException invalidUrl) {
            // reported by the refresher, with the URL
        }
        SnapshotRefresher refresher = new SnapshotRefresher(schemasUrl, policy, proxy, getLog()::info, getLog()::warn)
                .reportingJavaApi(apiSettings);
        try {
            if (airs.isEmpty()) {
                refresher.refreshRelease(target, release, failOnBreaking);
            } else {
                refresher.refreshModels(target, airs, failOnBreaking);
            }
        } catch (SnapshotRefresher.RefreshException e) {
            // The message already names what failed and where; Maven would append the cause's message again.
            getLog().debug(e);
            throw new MojoExecutionException(e.getMessage());
        } catch (SnapshotRefresher.BreakingChangesException e) {
            throw new MojoFailureException(e.getMessage());
        }
    }

    /** {@code 1048576}, {@code 512K}, {@code 64M}, {@code 1G} to bytes. */
    static long parseSize(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(java.util.Locale.ROOT);
        long unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : t.endsWith("G") ? 1L << 30 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1).trim();
        try {
            long value = Long.parseLong(digits);
            if (value <= 0 || value > Long.MAX_VALUE / unit) {
                throw new NumberFormatException();
            }
            return value * unit;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("maxDownloadSize must be a positive size such as 64M, not '" + text + "'");
        }
    }

    /** Maven's active proxies, passwords decrypted, ahead of the JVM's proxy properties. */
    private RefreshProxy proxy() throws MojoExecutionException {
        List<RefreshProxy.Entry> entries = new ArrayList<>();
        for (Proxy configured : settings.getProxies()) {
            if (!configured.isActive()) {
                continue;
            }
            SettingsDecryptionResult decrypted = decrypter.decrypt(new DefaultSettingsDecryptionRequest(configured));
            if (!decrypted.getProblems().isEmpty()) {
                throw new MojoExecutionException("airgen: cannot use proxy '" + configured.getId() + "' of settings.xml: "
                        + decrypted.getProblems().get(0).getMessage());
            }
            Proxy p = decrypted.getProxy();
            entries.add(new RefreshProxy.Entry(p.getId(), p.getProtocol(), p.getHost(), p.getPort(), p.getUsername(), p.getPassword(),
                    p.getNonProxyHosts()));
        }
        return new RefreshProxy(entries, ProxySelector.getDefault());
    }
}
