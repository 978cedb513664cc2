package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.image;
import static dev.airgen.emulator.TestSupport.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The generated files really decode, have the requested size and depend only on the seed. */
class MediaTest {
    static RunwareEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = TestSupport.builder().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static byte[] generate(String format, int w, int h, long seed) {
        TestSupport.Resp r = api(emulator, image().put("width", w).put("height", h).put("seed", seed).put("outputFormat", format));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.data(0).get("seed").longValue()).isEqualTo(seed);
        return TestSupport.download(r.data(0).get("imageURL").asString());
    }

    @Test
    void pngAndJpgDecodeWithTheRequestedSize() throws IOException {
        for (String format : List.of("PNG", "JPG")) {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(generate(format, 320, 200, 7)));
            assertThat(img).as(format).isNotNull();
            assertThat(img.getWidth()).isEqualTo(320);
            assertThat(img.getHeight()).isEqualTo(200);
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(generate("PNG", 320, 200, 7)));
        Picture p = new Picture(7, 320, 200, List.of());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 320; x++) {
                colours.add(png.getRGB(x, y) & 0xFFFFFF);
            }
        }
        assertThat(colours).as("the seed's two colours").containsExactlyInAnyOrder(p.colorA, p.colorB);
    }

    @Test
    void webpIsLosslessVp8lThatDecodesToThePngPicture() throws IOException {
        int w = 300;
        int h = 170;
        byte[] webp = generate("WEBP", w, h, 99);
        ByteBuffer b = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(webp, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(b.getInt(4)).isEqualTo(webp.length - 8);
        assertThat(new String(webp, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WEBPVP8L");
        int chunk = b.getInt(16);
        assertThat(20 + chunk + (chunk & 1)).isEqualTo(webp.length);
        int[] argb = Vp8lTestDecoder.decode(java.util.Arrays.copyOfRange(webp, 20, 20 + chunk), w, h);
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(generate("PNG", w, h, 99)));
        assertThat(argb).isEqualTo(png.getRGB(0, 0, w, h, null, 0, w));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherBytes() {
        assertThat(generate("PNG", 128, 128, 5)).isEqualTo(generate("PNG", 128, 128, 5));
        assertThat(generate("PNG", 128, 128, 5)).isNotEqualTo(generate("PNG", 128, 128, 6));
        assertThat(generate("WEBP", 128, 128, 5)).isEqualTo(generate("WEBP", 128, 128, 5));
    }

    @Test
    void base64AndDataUriOutputs() throws IOException {
        TestSupport.Resp b64 = api(emulator, image().put("outputType", "base64Data").put("outputFormat", "PNG"));
        JsonNode item = b64.data(0);
        assertThat(item.has("imageURL")).isFalse();
        BufferedImage a = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(item.get("imageBase64Data").asString())));
        assertThat(a.getWidth()).isEqualTo(256);

        TestSupport.Resp uri = api(emulator, image().put("outputType", "dataURI").put("outputFormat", "JPG"));
        String dataUri = uri.data(0).get("imageDataURI").asString();
        assertThat(dataUri).startsWith("data:image/jpeg;base64,");
        BufferedImage j = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(dataUri.indexOf(',') + 1))));
        assertThat(j.getHeight()).isEqualTo(128);
    }

    @Test
    void mp4HasAPlayableH264Track() {
        var t = task("videoInference", "test:video@1").put("width", 400).put("height", 270).put("duration", 2).put("seed", 3);
        api(emulator, t);
        TestSupport.Resp done = TestSupport.pollUntil(emulator, t.get("taskUUID").asString(),
                r -> r.data(0).get("status").asString().equals("success"));
        byte[] mp4 = TestSupport.download(done.data(0).get("videoURL").asString());
        Mp4TestReader file = new Mp4TestReader(mp4);
        assertThat(file.top).containsExactly("ftyp", "moov", "mdat");
        assertThat(new String(mp4, 8, 4, StandardCharsets.US_ASCII)).isEqualTo("isom");
        assertThat(file.tracks).as("no sound was asked for").hasSize(1);

        Mp4TestReader.Track video = file.track("vide");
        assertThat(video.entryType()).isEqualTo("avc1");
        assertThat(video.entry().getShort(24) & 0xFFFF).isEqualTo(400);
        assertThat(video.entry().getShort(26) & 0xFFFF).isEqualTo(270);
        assertThat(video.samples()).hasSize(2 * Mp4Encoder.FPS);
        assertThat(video.duration() * 1.0 / video.timescale()).isEqualTo(2.0);

        List<H264TestDecoder.Frame> frames = decode(video);
        assertThat(frames).hasSize(2 * Mp4Encoder.FPS);
        assertThat(frames.get(0).width()).isEqualTo(400);
        assertThat(frames.get(0).height()).isEqualTo(270);
    }

    /** The avcC box's SPS and PPS, then every picture of the track. */
    static List<H264TestDecoder.Frame> decode(Mp4TestReader.Track video) {
        ByteBuffer entry = video.entry();
        int at = 78; // the avcC box follows the 78 bytes of the visual sample entry
        assertThat(new String(new byte[] {entry.get(at + 4), entry.get(at + 5), entry.get(at + 6), entry.get(at + 7)},
                StandardCharsets.US_ASCII)).isEqualTo("avcC");
        int spsLength = entry.getShort(at + 14) & 0xFFFF;
        byte[] sps = new byte[spsLength];
        entry.get(at + 16, sps);
        int ppsAt = at + 16 + spsLength;
        assertThat(entry.get(ppsAt)).as("one PPS").isEqualTo((byte) 1);
        byte[] pps = new byte[entry.getShort(ppsAt + 1) & 0xFFFF];
        entry.get(ppsAt + 3, pps);
        return H264TestDecoder.decode(sps, pps, video.samples());
    }

    @Test
    void movUsesTheQuickTimeBrand() {
        byte[] mov = new MediaSpec(MediaSpec.Kind.VIDEO, "MOV", 64, 48, 1, 1).render();
        assertThat(new String(mov, 4, 8, StandardCharsets.US_ASCII)).isEqualTo("ftypqt  ");
    }

    @Test
    void mp3IsASequenceOfValidFrames() {
        var t = task("audioInference", "test:audio@1").put("positivePrompt", "rain").put("duration", 3).put("outputFormat", "MP3");
        TestSupport.Resp r = api(emulator, t);
        byte[] mp3 = TestSupport.download(r.data(0).get("audioURL").asString());
        int frames = (int) Math.ceil(3.0 * Mp3Encoder.RATE / Mp3Encoder.FRAME_SAMPLES);
        assertThat(mp3.length).isEqualTo(frames * Mp3Encoder.FRAME_BYTES);
        for (int f = 0; f < frames; f++) {
            int at = f * Mp3Encoder.FRAME_BYTES;
            int header = ByteBuffer.wrap(mp3, at, 4).getInt();
            assertThat(header >>> 21).as("frame sync").isEqualTo(0x7FF);
            assertThat((header >>> 19) & 3).as("MPEG-1").isEqualTo(3);
            assertThat((header >>> 17) & 3).as("Layer III").isEqualTo(1);
            int bitrateIndex = (header >>> 12) & 0xF;
            int rateIndex = (header >>> 10) & 3;
            assertThat(bitrateIndex).isEqualTo(5); // 64 kbit/s
            assertThat(rateIndex).isEqualTo(1); // 48 kHz
            assertThat(144 * 64000 / 48000).isEqualTo(Mp3Encoder.FRAME_BYTES);
        }
    }

    @Test
    void wavHeaderMatchesItsData() {
        var t = task("audioInference", "test:audio@1").put("positivePrompt", "rain").put("duration", 2)
                .put("outputFormat", "WAV").put("outputType", "base64Data");
        TestSupport.Resp r = api(emulator, t);
        byte[] wav = Base64.getDecoder().decode(r.data(0).get("audioBase64Data").asString());
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new String(wav, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
        assertThat(new String(wav, 8, 8, StandardCharsets.US_ASCII)).isEqualTo("WAVEfmt ");
        assertThat(b.getShort(20)).isEqualTo((short) 1);
        assertThat(b.getInt(24)).isEqualTo(AudioEncoder.RATE);
        assertThat(b.getInt(40)).isEqualTo(2 * AudioEncoder.RATE * 2);
        assertThat(wav.length).isEqualTo(44 + b.getInt(40));
        assertThat(b.getInt(4)).isEqualTo(wav.length - 8);
    }

    @Test
    void glbHasGltfJsonAndBinaryChunks() {
        var t = task("3dInference", "test:3d@1").put("positivePrompt", "a cube");
        TestSupport.Resp r = api(emulator, t);
        JsonNode files = r.data(0).get("outputs").get("files");
        assertThat(files).hasSize(1);
        byte[] glb = TestSupport.download(files.get(0).get("url").asString());
        ByteBuffer b = ByteBuffer.wrap(glb).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(0x46546C67);
        assertThat(b.getInt(4)).isEqualTo(2);
        assertThat(b.getInt(8)).isEqualTo(glb.length);
        int jsonLen = b.getInt(12);
        assertThat(b.getInt(16)).isEqualTo(0x4E4F534A);
        assertThat(jsonLen % 4).isZero();
        JsonNode gltf = JsonNodes.parse(new String(glb, 20, jsonLen, StandardCharsets.UTF_8).trim());
        assertThat(gltf.get("asset").get("version").asString()).isEqualTo("2.0");
        int binLen = b.getInt(20 + jsonLen);
        assertThat(b.getInt(24 + jsonLen)).isEqualTo(0x004E4942);
        assertThat(binLen).isGreaterThanOrEqualTo(gltf.get("buffers").get(0).get("byteLength").intValue());
        assertThat(28 + jsonLen + binLen).isEqualTo(glb.length);
        JsonNode pos = gltf.get("accessors").get(0);
        assertThat(pos.get("count").intValue() * 12).isEqualTo(gltf.get("bufferViews").get(0).get("byteLength").intValue());
        float firstX = b.getFloat(28 + jsonLen);
        assertThat(firstX).isBetween(pos.get("min").get(0).floatValue(), pos.get("max").get(0).floatValue());
    }

    @Test
    void svgForVectorize() {
        byte[] svg = new MediaSpec(MediaSpec.Kind.IMAGE, "SVG", 40, 30, 1, 0).render();
        assertThat(new String(svg, StandardCharsets.UTF_8)).startsWith("<svg").contains("width=\"40\"").endsWith("</svg>");
    }

    @Test
    void tiffDecodesWithImageIo() throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(generate("TIFF", 200, 150, 4)));
        assertThat(img.getWidth()).isEqualTo(200);
        assertThat(img.getHeight()).isEqualTo(150);
    }

    @Test
    void flacFramesAreWellFormed() {
        var t = task("audioInference", "test:audio@1").put("positivePrompt", "rain").put("duration", 1.5)
                .put("outputFormat", "FLAC");
        byte[] flac = TestSupport.download(api(emulator, t).data(0).get("audioURL").asString());
        assertThat(new String(flac, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("fLaC");
        assertThat(flac[4] & 0xFF).as("last block, STREAMINFO").isEqualTo(0x80);
        ByteBuffer b = ByteBuffer.wrap(flac);
        assertThat(b.getShort(8) & 0xFFFF).isEqualTo(4096);
        long packed = b.getLong(18); // sample rate(20) channels(3) bits(5) total(36)
        assertThat(packed >>> 44).isEqualTo(16000);
        assertThat((packed >>> 41) & 7).isEqualTo(0);
        assertThat(((packed >>> 36) & 31) + 1).isEqualTo(16);
        long total = packed & 0xFFFFFFFFFL;
        assertThat(total).isEqualTo(24000);
        int at = 42;
        long samples = 0;
        int frames = 0;
        while (at < flac.length) {
            assertThat(((flac[at] & 0xFF) << 6) | ((flac[at + 1] & 0xFF) >>> 2)).as("frame sync").isEqualTo(0x3FFE);
            int sizeCode = (flac[at + 2] & 0xFF) >>> 4;
            int headerLen = 5; // sync+codes (4 bytes) and a one-byte frame number
            int n = sizeCode == 12 ? 4096 : (((flac[at + headerLen] & 0xFF) << 8) | (flac[at + headerLen + 1] & 0xFF)) + 1;
            if (sizeCode != 12) {
                headerLen += 2;
            }
            assertThat(crc8Table(flac, at, headerLen)).isEqualTo(flac[at + headerLen] & 0xFF);
            int frameLen = headerLen + 1 + 1 + n * 2 + 2;
            assertThat(crc16Table(flac, at, frameLen - 2))
                    .isEqualTo(((flac[at + frameLen - 2] & 0xFF) << 8) | (flac[at + frameLen - 1] & 0xFF));
            assertThat(flac[at + headerLen + 1] & 0xFF).as("VERBATIM subframe").isEqualTo(0x02);
            samples += n;
            frames++;
            at += frameLen;
        }
        assertThat(samples).isEqualTo(total);
        assertThat(frames).isEqualTo(6);
    }

    @Test
    void trainingReturnsTheNewAirAndAWellFormedSafetensorsFile() {
        ObjectNode t = JsonNodes.object().put("taskType", "training").put("taskUUID", TestSupport.uuid()).put("model", "x:train@1");
        t.putObject("importModel").put("air", "runware:my-style@1");
        Results.Plan plan = Results.plan("training", t, null);
        MediaStore store = new MediaStore();
        ObjectNode item = Results.item("training", t.get("taskUUID").asString(), t, plan, 0, store, "http://h/media/", true, 2.0);
        assertThat(item.get("air").asString()).isEqualTo("runware:my-style@1");
        assertThat(item.get("cost").doubleValue()).isEqualTo(2.0);
        String url = item.get("outputs").get("files").get(0).get("url").asString();
        assertThat(url).endsWith(".safetensors");
        byte[] file = store.get(url.substring("http://h/media/".length())).content();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = b.getLong(0);
        assertThat(8 + headerLen).isEqualTo(file.length);
        JsonNode header = JsonNodes.parse(new String(file, 8, (int) headerLen, StandardCharsets.UTF_8));
        assertThat(header.get("__metadata__").get("producer").asString()).isNotBlank();
    }

    /** Table-driven CRCs, written independently of the encoder's bitwise ones. */
    private static int crc8Table(byte[] d, int from, int len) {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80) != 0 ? (c << 1) ^ 0x107 : c << 1;
            }
            table[i] = c & 0xFF;
        }
        int crc = 0;
        for (int i = from; i < from + len; i++) {
            crc = table[crc ^ (d[i] & 0xFF)];
        }
        return crc;
    }

    private static int crc16Table(byte[] d, int from, int len) {
        int[] table = new int[256];
        for (int i = 0; i < 256; i++) {
            int c = i << 8;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000) != 0 ? (c << 1) ^ 0x18005 : c << 1;
            }
            table[i] = c & 0xFFFF;
        }
        int crc = 0;
        for (int i = from; i < from + len; i++) {
            crc = ((crc << 8) ^ table[((crc >>> 8) ^ (d[i] & 0xFF)) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
