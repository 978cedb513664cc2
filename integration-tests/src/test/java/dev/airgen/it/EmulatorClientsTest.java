package dev.airgen.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
