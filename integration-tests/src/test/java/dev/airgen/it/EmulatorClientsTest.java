package dev.airgen.it;

import dev.airgen.runtime.types.Json;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import tools.jackson.databind.JsonNode;

/** One emulator and its REST and WebSocket clients per test class, started before and closed after it. */
abstract class EmulatorClientsTest {

    static Clients clients;

    @BeforeAll
    static void startClients() {
        clients = new Clients();
    }

    @AfterAll
    static void stopClients() {
        clients.close();
    }

    /** A JSON resource of the test class path (generated schemas, the schema index). */
    static JsonNode classpathJson(String name) {
        try (InputStream in = EmulatorClientsTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test class path");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
