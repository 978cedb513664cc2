package dev.airgen.runtime;

/** How tasks travel to the server. */
public enum Transport {
    /** One HTTPS POST per call; simplest, works through every proxy. */
    REST,
    /** One long-lived WebSocket shared by all calls, with heartbeat and session resume. */
    WEBSOCKET
}
