package dev.airgen.emulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An independent reader for ISO BMFF (MP4 / QuickTime) files, written from the box definitions: it
 * walks the boxes, and for every track gives its handler, first sample entry, timescale and the bytes
 * of each sample (through stsz, stsc and stco). It fails loudly on boxes that do not add up.
 */
final class Mp4TestReader {

    /** One track: {@code handler} is {@code vide} or {@code soun}; {@code entry} the sample entry's payload. */
    record Track(String handler, String entryType, ByteBuffer entry, int timescale, long duration, List<byte[]> samples) {
    }

    final byte[] bytes;
    final List<String> top = new ArrayList<>();
    final List<Track> tracks = new ArrayList<>();

    Mp4TestReader(byte[] bytes) {
        this.bytes = bytes;
        int at = 0;
        while (at < bytes.length) {
            int size = u32(at);
            if (size < 8 || at + size > bytes.length) {
                throw new AssertionError("box " + type(at) + " at " + at + " has a bad size " + size);
            }
            top.add(type(at));
            if (type(at).equals("moov")) {
                for (int trak : children(at + 8, at + size, "trak")) {
                    tracks.add(track(trak));
                }
            }
            at += size;
        }
    }

    Track track(String handler) {
        return tracks.stream().filter(t -> t.handler().equals(handler)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + handler + " track"));
    }

    private Track track(int trak) {
        int mdia = child(trak, "mdia");
        int mdhd = child(mdia, "mdhd");
        int version = bytes[mdhd + 8] & 0xFF;
        int timescale = version == 1 ? u32(mdhd + 8 + 4 + 16) : u32(mdhd + 8 + 4 + 8);
        long duration = version == 1 ? ByteBuffer.wrap(bytes, mdhd + 8 + 4 + 20, 8).getLong() : u32(mdhd + 8 + 4 + 12) & 0xFFFFFFFFL;
        String handler = new String(bytes, child(mdia, "hdlr") + 8 + 4 + 4, 4, StandardCharsets.US_ASCII);
        int stbl = child(child(mdia, "minf"), "stbl");
        int stsd = child(stbl, "stsd");
        int entry = stsd + 8 + 8;
        ByteBuffer entryPayload = ByteBuffer.wrap(bytes, entry + 8, u32(entry) - 8).slice();

        int stsz = child(stbl, "stsz");
        int fixed = u32(stsz + 12);
        int count = u32(stsz + 16);
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = fixed != 0 ? fixed : u32(stsz + 20 + 4 * i);
        }
        int stco = child(stbl, "stco");
        int[] offsets = new int[u32(stco + 12)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = u32(stco + 16 + 4 * i);
        }
        int stsc = child(stbl, "stsc");
        int runs = u32(stsc + 12);
        List<byte[]> samples = new ArrayList<>(count);
        int sample = 0;
        for (int chunk = 0; chunk < offsets.length; chunk++) {
            int perChunk = 0;
            for (int r = 0; r < runs; r++) {
                if (u32(stsc + 16 + 12 * r) - 1 <= chunk) {
                    perChunk = u32(stsc + 16 + 12 * r + 4);
                }
            }
            int at = offsets[chunk];
            for (int i = 0; i < perChunk && sample < count; i++, sample++) {
                if (at + sizes[sample] > bytes.length) {
                    throw new AssertionError("sample " + sample + " runs past the end of the file");
                }
                samples.add(Arrays.copyOfRange(bytes, at, at + sizes[sample]));
                at += sizes[sample];
            }
        }
        if (sample != count) {
            throw new AssertionError("stsc and stco locate " + sample + " of " + count + " samples");
        }
        return new Track(handler, type(entry), entryPayload, timescale, duration, samples);
    }

    /** Offset of the first child box of {@code type} inside the box at {@code parent}. */
    int child(int parent, String type) {
        List<Integer> found = children(parent + 8, parent + u32(parent), type);
        if (found.isEmpty()) {
            throw new AssertionError("no " + type + " in " + type(parent));
        }
        return found.get(0);
    }

    private List<Integer> children(int from, int to, String type) {
        List<Integer> out = new ArrayList<>();
        int at = from;
        while (at + 8 <= to) {
            int size = u32(at);
            if (size < 8 || at + size > to) {
                throw new AssertionError("box " + type(at) + " at " + at + " overflows its parent");
            }
            if (type(at).equals(type)) {
                out.add(at);
            }
            at += size;
        }
        return out;
    }

    String type(int at) {
        return new String(bytes, at + 4, 4, StandardCharsets.US_ASCII);
    }

    int u32(int at) {
        return ByteBuffer.wrap(bytes, at, 4).getInt();
    }
}
