package dev.airgen.generator;

/**
 * A setting that cannot be what the user meant, such as an include glob that matches no model of the
 * snapshot. The message names the setting and the offending value, plus what the snapshot offers instead.
 */
public final class ConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public ConfigurationException(String parameter, String message) {
        super(parameter + ": " + message);
        this.parameter = parameter;
    }

    /** The setting at fault: {@code includes} or {@code excludes}. */
    public String parameter() {
        return parameter;
    }
}
