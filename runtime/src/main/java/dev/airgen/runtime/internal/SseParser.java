package dev.airgen.runtime.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code text/event-stream} format as the WHATWG HTML standard defines it, from bytes that may
 * arrive split anywhere: lines end in CRLF, LF or CR; a line starting with {@code :} is a comment; a field's
 * value loses exactly one leading space; {@code data} lines of one event are joined with line feeds; an
 * empty line dispatches the event; {@code event}, {@code id} and {@code retry} are kept; an event the stream
 * ends before dispatching is dropped. A line or an event larger than {@link #MAX_CHARS} fails instead of
 * growing without bound.
 *
 * <p>Not thread-safe: one parser per stream.
 */
public final class SseParser {

    /** The most characters one line, or the data of one event, may hold. */
    public static final int MAX_CHARS = 8 * 1024 * 1024;

    /**
     * One dispatched event.
     *
     * @param type the {@code event} field, {@code message} when the event names none
     * @param data the {@code data} lines joined with {@code \n}
     * @param id   the last event id the stream set (it carries over to later events), empty when none
     */
    public record Event(String type, String data, String id) {
    }

    /** A line or event too large to hold. */
    public static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String what) {
            super(what + " is longer than " + MAX_CHARS + " characters");
        }
    }

    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String type = "";
    private String lastId = "";
    private long retryMillis = -1;
    private boolean afterCr;
    private boolean firstLine = true;

    /** Feeds the next bytes of the stream; returns the events they complete, in order. */
    public List<Event> feed(byte[] bytes, int offset, int length) {
        List<Event> events = new ArrayList<>();
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF whose CR already ended the line
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine(events);
            } else {
                if (line.size() >= MAX_CHARS) {
                    throw new TooLarge("a line of the event stream");
                }
                line.write(b);
            }
        }
        return events;
    }

    /** The reconnection time the stream asked for with {@code retry}, in milliseconds; -1 when it sent none. */
    public long retryMillis() {
        return retryMillis;
    }

    private void endLine(List<Event> events) {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        if (firstLine) {
            firstLine = false;
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        }
        if (text.isEmpty()) {
            dispatch(events);
            return;
        }
        if (text.charAt(0) == ':') {
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : text.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "event" -> type = value;
            case "data" -> {
                if (data.length() + value.length() + 1 > MAX_CHARS) {
                    throw new TooLarge("the data of one event");
                }
                data.append(value).append('\n');
                hasData = true;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) {
                    lastId = value;
                }
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9') && value.length() < 19) {
                    retryMillis = Long.parseLong(value);
                }
            }
            default -> {
                // the format says to ignore any other field
            }
        }
    }

    private void dispatch(List<Event> events) {
        if (hasData) {
            data.setLength(data.length() - 1); // the line feed after the last data line
            events.add(new Event(type.isEmpty() ? "message" : type, data.toString(), lastId));
        }
        data.setLength(0);
        hasData = false;
        type = "";
    }
}
