package dev.airgen.runtime.internal;

/**
 * networknt's validator logs through SLF4J, and SLF4J 2 prints a three-line warning to standard error
 * when no logging backend is bound. An application that logs with nothing at all would see it from the
 * first validation on. When no SLF4J backend is on the class path and the application set none of
 * SLF4J's own switches, this lowers SLF4J's self-reporting to errors, which silences that warning and
 * nothing else (with no backend there is no other SLF4J output to lose), and names SLF4J's own no-operation
 * provider, the one it would fall back to, so that SLF4J does not search the class path for backends a second
 * time (tens of milliseconds before the first validation).
 */
public final class QuietSlf4j {

    private static final String VERBOSITY = "slf4j.internal.verbosity";
    private static final String PROVIDER = "slf4j.provider";
    /** SLF4J's fallback when it finds no backend; set by name so that it is not searched for. */
    static final String NO_OPERATION = "org.slf4j.helpers.NOP_FallbackServiceProvider";
    /** Where SLF4J 2 backends declare themselves, and the class SLF4J 1 backends provide. */
    private static final String[] BACKEND_MARKERS = {
        "META-INF/services/org.slf4j.spi.SLF4JServiceProvider", "org/slf4j/impl/StaticLoggerBinder.class"};

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
            Class.forName(NO_OPERATION, false, loader);
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (!declaresBackend(loader) && (context == null || context == loader || !declaresBackend(context))) {
                System.setProperty(VERBOSITY, "ERROR");
                System.setProperty(PROVIDER, NO_OPERATION);
            }
        } catch (ClassNotFoundException | LinkageError | RuntimeException noSlf4j) {
            // No SLF4J 2 on the class path (or a security manager said no): nothing to quiet.
        }
    }

    private static boolean declaresBackend(ClassLoader loader) {
        for (String marker : BACKEND_MARKERS) {
            if (loader.getResource(marker) != null) {
                return true;
            }
        }
        return false;
    }
}
