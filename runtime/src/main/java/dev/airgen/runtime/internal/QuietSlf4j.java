package dev.airgen.runtime.internal;

import java.util.ServiceLoader;

/**
 * networknt's validator logs through SLF4J, and SLF4J 2 prints a three-line warning to standard error
 * when no logging backend is bound. An application that logs with nothing at all would see it from the
 * first validation on. When no SLF4J backend is on the class path and the application set none of
 * SLF4J's own switches, this lowers SLF4J's self-reporting to errors, which silences that warning and
 * nothing else (with no backend there is no other SLF4J output to lose).
 */
public final class QuietSlf4j {

    private static final String VERBOSITY = "slf4j.internal.verbosity";
    private static final String PROVIDER = "slf4j.provider";

    private static boolean done;

    private QuietSlf4j() {
    }

    /** Runs once, before networknt's classes are first initialised; a second caller waits for the first. */
    public static synchronized void apply() {
        if (done) {
            return;
        }
        done = true;
        try {
            if (System.getProperty(VERBOSITY) != null || System.getProperty(PROVIDER) != null) {
                return;
            }
            ClassLoader loader = QuietSlf4j.class.getClassLoader();
            Class<?> spi = Class.forName("org.slf4j.spi.SLF4JServiceProvider", false, loader);
            boolean bound = ServiceLoader.load(spi, loader).stream().findAny().isPresent()
                    || loader.getResource("org/slf4j/impl/StaticLoggerBinder.class") != null;
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (!bound && context != null && context != loader) {
                bound = ServiceLoader.load(spi, context).stream().findAny().isPresent();
            }
            if (!bound) {
                System.setProperty(VERBOSITY, "ERROR");
            }
        } catch (ClassNotFoundException | LinkageError | RuntimeException noSlf4j) {
            // No SLF4J 2 on the class path (or a security manager said no): nothing to quiet.
        }
    }
}
