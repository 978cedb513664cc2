package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Emulated media say what they are and stay useful for tests: every file is decoded (pictures by
 * ImageIO or an independent VP8L reader, video by an independent H.264 reader, MP3 by JLayer) and its
 * content checked: captions read back from the pixels, frames that change, a soundtrack when sound was
 * asked for, audio that is not silence, cut-outs with an alpha channel, and the same bytes for the same
 * request.
 */
class EmulatedMediaTest extends SharedEmulatorTest {

    private static JsonNode done(ObjectNode t) {
        TestSupport.Resp r = api(emulator, t);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        if (r.data(0).has("status") || r.data(0).size() == 2) {
            return TestSupport.pollUntil(emulator, t.get("taskUUID").asString(),
                    x -> x.data(0).path("status").asString("").equals("success")).data(0);
        }
        return r.data(0);
    }

    private static byte[] file(JsonNode item, String prefix) {
        return TestSupport.download(item.get(prefix + "URL").asString());
    }

    private static ObjectNode picture(String prompt, int w, int h, long seed) {
        return task("imageInference", "test:image@1").put("positivePrompt", prompt).put("width", w).put("height", h)
                .put("seed", seed).put("outputFormat", "PNG");
    }

    @Test
    void testsRunHeadless() {
        assertThat(GraphicsEnvironment.isHeadless()).isTrue();
    }

    @Test
    void picturesShowTheModelPromptAndSizeTheyWereMadeFor() throws IOException {
        for (int[] size : new int[][] {{400, 300}, {640, 480}, {1024, 768}}) {
            int w = size[0];
            int h = size[1];
            byte[] png = file(done(picture("a lighthouse on a cliff at dusk", w, h, 11)), "image");
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            Picture colours = new Picture(11, w, h, List.of());
            List<String> text = LabelReader.read(w, h, (x, y) -> (img.getRGB(x, y) & 0xFFFFFF) == colours.colorB);
            assertThat(String.join("\n", text)).as("%dx%d", w, h)
                    .contains("EMULATED IMAGE", "model: test:image@1", "size: " + w + "x" + h + ", seed: 11")
                    .contains("a lighthouse").contains("dusk");
        }
        // Text outside ASCII is still legible: accents are dropped, the rest becomes '?'.
        byte[] png = file(done(picture("café ☕ at noon", 400, 300, 12)), "image");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int ink = new Picture(12, 400, 300, List.of()).colorB;
        assertThat(String.join("\n", LabelReader.read(400, 300, (x, y) -> (img.getRGB(x, y) & 0xFFFFFF) == ink)))
                .contains("prompt: cafe ? at noon");
    }

    @Test
    void longPromptsWrapAndEndWithAnEllipsis() throws IOException {
        String prompt = "word ".repeat(400).trim();
        byte[] png = file(done(picture(prompt, 256, 128, 3)), "image");
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
        int ink = new Picture(3, 256, 128, List.of()).colorB;
        List<String> rows = LabelReader.read(256, 128, (x, y) -> (img.getRGB(x, y) & 0xFFFFFF) == ink);
        assertThat(rows).hasSizeGreaterThan(3);
        assertThat(rows.get(rows.size() - 1)).endsWith("...");
        int columns = (256 - 8) / BitmapFont.CELL_WIDTH;
        assertThat(rows).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(columns));
    }

    @Test
    void videoFramesChangeOverTimeAndTheFirstShowsItsCaption() {
        ObjectNode t = task("videoInference", "test:video@1").put("positivePrompt", "waves rolling in").put("width", 320)
                .put("height", 256).put("duration", 2).put("seed", 21);
        Mp4TestReader file = new Mp4TestReader(file(done(t), "video"));
        assertThat(file.tracks).as("no sound was asked for").extracting(Mp4TestReader.Track::handler).containsExactly("vide");
        List<H264TestDecoder.Frame> frames = MediaTest.decode(file.track("vide"));
        assertThat(frames).hasSize(2 * Mp4Encoder.FPS);

        int band = Picture.timelineTop(320, 256);
        for (int i = 1; i < frames.size(); i++) {
            int changed = 0;
            for (int y = 0; y < 256; y++) {
                for (int x = 0; x < 320; x++) {
                    if (frames.get(i).at(x, y) != frames.get(i - 1).at(x, y)) {
                        changed++;
                        assertThat(y).as("frame %d changes only in the timeline band", i).isGreaterThanOrEqualTo(band);
                    }
                }
            }
            assertThat(changed).as("frame %d differs from frame %d", i, i - 1).isPositive();
        }

        H264TestDecoder.Frame first = frames.get(0);
        List<String> caption = LabelReader.read(320, 256, (x, y) -> first.at(x, y) > 128);
        assertThat(String.join("\n", caption)).contains("EMULATED VIDEO", "model: test:video@1", "320x256", "2.0 s",
                "silent", "waves rolling in");
    }

    @Test
    void videoCarriesASoundtrackWhenSoundWasAskedFor() {
        ObjectNode t = task("videoInference", "test:video@1").put("positivePrompt", "a drum circle").put("width", 256)
                .put("height", 256).put("duration", 2).put("seed", 4);
        t.putObject("providerSettings").putObject("klingai").put("sound", true);
        byte[] mp4 = file(done(t), "video");
        Mp4TestReader file = new Mp4TestReader(mp4);
        assertThat(file.tracks).extracting(Mp4TestReader.Track::handler).containsExactly("vide", "soun");
        Mp4TestReader.Track sound = file.track("soun");
        assertThat(sound.entryType()).isEqualTo("sowt");
        ByteBuffer entry = sound.entry();
        assertThat(entry.getShort(16)).as("channels").isEqualTo((short) 1);
        assertThat(entry.getShort(18)).as("bits per sample").isEqualTo((short) 16);
        assertThat(entry.getInt(24) >>> 16).as("sample rate").isEqualTo(AudioEncoder.RATE);
        assertThat(sound.timescale()).isEqualTo(AudioEncoder.RATE);
        assertThat(sound.samples()).hasSize(2 * AudioEncoder.RATE);

        short[] pcm = new short[sound.samples().size()];
        for (int i = 0; i < pcm.length; i++) {
            byte[] s = sound.samples().get(i);
            pcm[i] = (short) ((s[0] & 0xFF) | (s[1] << 8));
        }
        assertThat(rms(pcm, 0, pcm.length)).as("the soundtrack is audible").isGreaterThan(2000);
        List<H264TestDecoder.Frame> frames = MediaTest.decode(file.track("vide"));
        assertThat(frames).hasSize(16);
        String caption = String.join("\n", LabelReader.read(256, 256, (x, y) -> frames.get(0).at(x, y) > 128));
        assertThat(caption).contains("with sound");
    }

    @Test
    void speechSoundsLikeWordsAndMusicPlaysOn() {
        ObjectNode speech = task("audioInference", "test:audio@1").put("positivePrompt", "a station announcement")
                .put("outputFormat", "MP3").put("seed", 8);
        speech.putObject("speech").put("text", "Welcome aboard. The doors are closing. Please stand clear.");
        short[] voice = decodeMp3(file(done(speech), "audio"));
        double seconds = voice.length / (double) Mp3Encoder.RATE;
        assertThat(seconds).as("about 0.35 s a word").isBetween(3.0, 4.5);
        assertThat(rms(voice, 0, voice.length)).as("speech is audible").isGreaterThan(1000);
        double quiet = quietShare(voice, Mp3Encoder.RATE);
        assertThat(quiet).as("pauses between words").isBetween(0.1, 0.7);

        ObjectNode music = task("audioInference", "test:audio@1").put("positivePrompt", "a calm piano melody")
                .put("duration", 3).put("outputFormat", "MP3").put("seed", 8);
        short[] tune = decodeMp3(file(done(music), "audio"));
        assertThat(rms(tune, 0, tune.length)).as("music is audible").isGreaterThan(1000);
        assertThat(quietShare(tune, Mp3Encoder.RATE)).as("music plays on").isLessThan(0.1);
    }

    @Test
    void wavAndFlacCarryTheSameAudibleSamples() {
        ObjectNode wavTask = task("audioInference", "test:audio@1").put("positivePrompt", "rain").put("duration", 2)
                .put("outputFormat", "WAV").put("seed", 5);
        byte[] wav = file(done(wavTask), "audio");
        short[] samples = new short[(wav.length - 44) / 2];
        ByteBuffer.wrap(wav, 44, wav.length - 44).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        assertThat(samples).hasSize(2 * AudioEncoder.RATE);
        assertThat(rms(samples, 0, samples.length)).isGreaterThan(1000);

        ObjectNode flacTask = wavTask.deepCopy().put("taskUUID", TestSupport.uuid()).put("outputFormat", "FLAC");
        byte[] flac = file(done(flacTask), "audio");
        List<Short> decoded = new ArrayList<>();
        int at = 42;
        while (at < flac.length) {
            int sizeCode = (flac[at + 2] & 0xFF) >>> 4;
            int headerLen = 5;
            int n = sizeCode == 12 ? 4096 : (((flac[at + headerLen] & 0xFF) << 8) | (flac[at + headerLen + 1] & 0xFF)) + 1;
            headerLen += sizeCode == 12 ? 0 : 2;
            int data = at + headerLen + 2; // CRC-8, then the subframe header
            for (int i = 0; i < n; i++) {
                decoded.add((short) (((flac[data + 2 * i] & 0xFF) << 8) | (flac[data + 2 * i + 1] & 0xFF)));
            }
            at = data + 2 * n + 2;
        }
        short[] fromFlac = new short[decoded.size()];
        for (int i = 0; i < fromFlac.length; i++) {
            fromFlac[i] = decoded.get(i);
        }
        assertThat(fromFlac).isEqualTo(samples);
    }

    @Test
    void backgroundRemovalOfAnEarlierOutputKeepsItsPixelsAndAddsAlpha() throws IOException {
        JsonNode source = done(picture("a red apple", 200, 160, 3));
        BufferedImage original = ImageIO.read(new ByteArrayInputStream(file(source, "image")));
        for (String ref : List.of(source.get("imageUUID").asString(), source.get("imageURL").asString())) {
            ObjectNode t = task("removeBackground", "test:bg@1").put("outputFormat", "PNG");
            t.putObject("inputs").put("image", ref);
            BufferedImage cut = ImageIO.read(new ByteArrayInputStream(file(done(t), "image")));
            assertCutOut(original, cut);
        }
    }

    @Test
    void backgroundRemovalDecodesDataUrisAndBase64() throws IOException {
        BufferedImage input = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                input.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 0x40);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(input, "png", png);
        String base64 = Base64.getEncoder().encodeToString(png.toByteArray());
        for (String ref : List.of("data:image/png;base64," + base64, base64)) {
            ObjectNode t = task("removeBackground", "test:bg@1");
            t.putObject("inputs").put("image", ref);
            BufferedImage cut = ImageIO.read(new ByteArrayInputStream(file(done(t), "image")));
            assertCutOut(input, cut);
        }
    }

    @Test
    void backgroundRemovalAsWebpKeepsTheAlphaChannel() throws IOException {
        JsonNode source = done(picture("a red apple", 160, 128, 6));
        ObjectNode png = task("removeBackground", "test:bg@1").put("outputFormat", "PNG");
        png.putObject("inputs").put("image", source.get("imageUUID").asString());
        BufferedImage expected = ImageIO.read(new ByteArrayInputStream(file(done(png), "image")));
        ObjectNode webp = task("removeBackground", "test:bg@1").put("outputFormat", "WEBP");
        webp.putObject("inputs").put("image", source.get("imageUUID").asString());
        byte[] bytes = file(done(webp), "image");
        int chunk = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(16);
        int[] argb = Vp8lTestDecoder.decode(Arrays.copyOfRange(bytes, 20, 20 + chunk), 160, 128);
        assertThat(argb).as("the same ARGB pixels as the PNG").isEqualTo(expected.getRGB(0, 0, 160, 128, null, 0, 160));
        assertThat(argb[0] >>> 24).as("a transparent corner").isZero();
    }

    @Test
    void aRemoteInputGivesALabelledCutOut() throws IOException {
        ObjectNode t = task("removeBackground", "test:bg@1");
        t.putObject("inputs").put("image", "https://example.com/photos/dog.jpg");
        BufferedImage cut = ImageIO.read(new ByteArrayInputStream(file(done(t), "image")));
        assertThat(cut.getColorModel().hasAlpha()).isTrue();
        assertThat(cut.getRGB(cut.getWidth() - 1, cut.getHeight() - 1) >>> 24).as("corner cut away").isZero();
        assertThat(cut.getRGB(cut.getWidth() / 2, cut.getHeight() / 2) >>> 24).as("centre kept").isEqualTo(255);
        List<String> rows = LabelReader.read(cut.getWidth(), cut.getHeight(),
                (x, y) -> (cut.getRGB(x, y) >>> 24) == 255 && luma(cut.getRGB(x, y)) > 128);
        assertThat(String.join("\n", rows)).contains("EMULATED CUT-OUT", "input not available", "never downloaded");
        assertThat(String.join("", rows)).as("the URL, wrapped").contains("https://example.com/photos/dog.jpg");
    }

    @Test
    void theSameRequestGivesTheSameBytes() {
        List<ObjectNode> requests = new ArrayList<>();
        requests.add(picture("a lighthouse", 160, 128, 9));
        requests.add(picture("a lighthouse", 160, 128, 9).put("outputFormat", "WEBP"));
        ObjectNode video = task("videoInference", "test:video@1").put("positivePrompt", "waves").put("width", 256)
                .put("height", 256).put("duration", 2).put("seed", 9);
        video.putObject("providerSettings").putObject("klingai").put("sound", true);
        requests.add(video);
        ObjectNode speech = task("audioInference", "test:audio@1").put("positivePrompt", "a greeting")
                .put("outputFormat", "MP3").put("seed", 9);
        speech.putObject("speech").put("text", "hello there");
        requests.add(speech);
        requests.add(task("audioInference", "test:audio@1").put("positivePrompt", "rain").put("duration", 1)
                .put("outputFormat", "WAV").put("seed", 9));
        for (ObjectNode r : requests) {
            String prefix = r.get("taskType").asString().replace("Inference", "");
            byte[] first = file(done(r), prefix);
            byte[] again = file(done(r.deepCopy().put("taskUUID", TestSupport.uuid())), prefix);
            assertThat(again).as(r.toString()).isEqualTo(first);
            byte[] otherSeed = file(done(r.deepCopy().put("taskUUID", TestSupport.uuid()).put("seed", 10)), prefix);
            assertThat(otherSeed).as(r.toString()).isNotEqualTo(first);
        }
    }

    private static void assertCutOut(BufferedImage original, BufferedImage cut) {
        int w = original.getWidth();
        int h = original.getHeight();
        assertThat(cut.getWidth()).isEqualTo(w);
        assertThat(cut.getHeight()).isEqualTo(h);
        assertThat(cut.getColorModel().hasAlpha()).isTrue();
        int kept = 0;
        int cleared = 0;
        List<String> wrong = new ArrayList<>();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int alpha = cut.getRGB(x, y) >>> 24;
                if (alpha == 255) {
                    kept++;
                    if ((cut.getRGB(x, y) & 0xFFFFFF) != (original.getRGB(x, y) & 0xFFFFFF)) {
                        wrong.add(x + "," + y + " changed colour");
                    }
                } else if (alpha == 0) {
                    cleared++;
                } else {
                    wrong.add(x + "," + y + " has alpha " + alpha);
                }
            }
        }
        assertThat(wrong).as("kept pixels keep their colour; alpha is 0 or 255").isEmpty();
        assertThat(cut.getRGB(w / 2, h / 2) >>> 24).as("the subject in the middle is kept").isEqualTo(255);
        assertThat(cut.getRGB(0, 0) >>> 24).as("the corner is background").isZero();
        assertThat(kept).isGreaterThan(w * h / 2);
        assertThat(cleared).isGreaterThan(w * h / 10);
    }

    private static int luma(int rgb) {
        return (((rgb >> 16) & 0xFF) * 3 + ((rgb >> 8) & 0xFF) * 6 + (rgb & 0xFF)) / 10;
    }

    static short[] decodeMp3(byte[] mp3) {
        try {
            Bitstream in = new Bitstream(new ByteArrayInputStream(mp3));
            Decoder decoder = new Decoder();
            ByteArrayOutputStream pcm = new ByteArrayOutputStream();
            Header header;
            while ((header = in.readFrame()) != null) {
                SampleBuffer out = (SampleBuffer) decoder.decodeFrame(header, in);
                assertThat(out.getChannelCount()).isEqualTo(1);
                assertThat(out.getSampleFrequency()).isEqualTo(Mp3Encoder.RATE);
                for (int i = 0; i < out.getBufferLength(); i++) {
                    pcm.write(out.getBuffer()[i] >> 8);
                    pcm.write(out.getBuffer()[i]);
                }
                in.closeFrame();
            }
            short[] samples = new short[pcm.size() / 2];
            ByteBuffer.wrap(pcm.toByteArray()).asShortBuffer().get(samples);
            return samples;
        } catch (javazoom.jl.decoder.JavaLayerException e) {
            throw new AssertionError("JLayer cannot decode the MP3", e);
        }
    }

    private static double rms(short[] s, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += s[i] * (double) s[i];
        }
        return Math.sqrt(sum / Math.max(1, to - from));
    }

    /** Share of 20 ms windows that are nearly silent. */
    private static double quietShare(short[] s, int rate) {
        int window = rate / 50;
        int quiet = 0;
        int all = 0;
        for (int at = 0; at + window <= s.length; at += window, all++) {
            quiet += rms(s, at, at + window) < 150 ? 1 : 0;
        }
        return (double) quiet / all;
    }
}
