package dev.airgen.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.runtime.internal.SseParser.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    /** Every line ending, a comment, all four fields, multi-line data, a BOM and a character of 3 UTF-8 bytes. */
    private static final String STREAM = "\uFEFF: the server greets\r\n"
            + "retry: 2500\r\n"
            + "data: {\"a\":1}\r\n"
            + "\r\n"
            + "event: delta\n"
            + "id: 7\n"
            + "data:first\n"
            + "data:  second keeps one space\n"
            + "data\n"
            + ": a comment between data lines\n"
            + "data: \u20ac end\n"
            + "\n"
            + "id\r"
            + "unknown: ignored\r"
            + "data: after an empty id\r"
            + "\r"
            + "event: only a type\n"
            + "\n"
            + "data: [DONE]\n"
            + "\n"
            + "data: never dispatched";

    private static final List<Event> EXPECTED = List.of(
            new Event("message", "{\"a\":1}", ""),
            new Event("delta", "first\n second keeps one space\n\n\u20ac end", "7"),
            new Event("message", "after an empty id", ""),
            new Event("message", "[DONE]", ""));

    @Test
    void readsTheFormatWhole() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        assertThat(parser.feed(bytes, 0, bytes.length)).containsExactlyElementsOf(EXPECTED);
        assertThat(parser.retryMillis()).isEqualTo(2500);
    }

    @Test
    void givesTheSameEventsWhereverTheBytesAreSplit() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            SseParser parser = new SseParser();
            List<Event> events = new ArrayList<>(parser.feed(bytes, 0, split));
            events.addAll(parser.feed(bytes, split, bytes.length - split));
            assertThat(events).as("split at byte %d", split).containsExactlyElementsOf(EXPECTED);
        }
    }

    @Test
    void givesTheSameEventsOneByteAtATime() {
        byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
        SseParser parser = new SseParser();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            events.addAll(parser.feed(bytes, i, 1));
        }
        assertThat(events).containsExactlyElementsOf(EXPECTED);
    }

    @Test
    void aCrAtTheEndOfOneChunkAndAnLfAtTheStartOfTheNextEndOneLine() {
        SseParser parser = new SseParser();
        byte[] first = "data: x\r".getBytes(StandardCharsets.UTF_8);
        byte[] second = "\n\r\n".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.feed(first, 0, first.length)).isEmpty();
        assertThat(parser.feed(second, 0, second.length)).containsExactly(new Event("message", "x", ""));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedAndAnEmptyDataLineIs() {
        SseParser parser = new SseParser();
        byte[] bytes = "event: x\nid: 3\n\ndata:\n\nretry: soon\n\n".getBytes(StandardCharsets.UTF_8);
        assertThat(parser.feed(bytes, 0, bytes.length)).containsExactly(new Event("message", "", "3"));
        assertThat(parser.retryMillis()).isEqualTo(-1);
    }

    @Test
    void aLineWithoutEndFailsOnceItPassesTheLimit() {
        SseParser parser = new SseParser();
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) 'a');
        assertThatThrownBy(() -> {
            for (int i = 0; i <= SseParser.MAX_CHARS / chunk.length; i++) {
                parser.feed(chunk, 0, chunk.length);
            }
        }).isInstanceOf(SseParser.TooLarge.class).hasMessageContaining("line");
    }
}
