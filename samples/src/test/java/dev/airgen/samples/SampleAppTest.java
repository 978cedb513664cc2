package dev.airgen.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Runs the whole sample against the embedded emulator and checks that every file it wrote is real media. */
class SampleAppTest {

    @Test
    void theTourRunsEndToEndAndEveryOutputDecodes() throws Exception {
        Path output = Path.of(System.getProperty("sample.output", "target/output"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<SampleApp.Step> steps = SampleApp.runAgainstEmulator(output, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String log = printed.toString(StandardCharsets.UTF_8);

        assertThat(steps).extracting(SampleApp.Step::name).containsExactly(
                "text to image", "image to video", "text to speech", "streamed LLM answer", "background removal");
        assertThat(log).contains("embedded Runware emulator").contains("placeholder made by the emulator")
                .contains("rejected before sending: parameters [width]")
                .contains("video: ");
        for (SampleApp.Step step : steps) {
            assertThat(step.file()).startsWith(output).exists();
            assertThat(step.cost()).as(step.name() + " cost").isNotNull().isPositive();
            assertThat(log).contains(step.model());
        }
        BufferedImage image = ImageIO.read(steps.get(0).file().toFile());
        assertThat(image.getWidth()).isEqualTo(1024);
        assertThat(image.getHeight()).isEqualTo(768);
        BufferedImage cutout = ImageIO.read(steps.get(4).file().toFile());
        assertThat(cutout).isNotNull();
        assertThat(cutout.getColorModel().hasAlpha()).as("the cut-out has an alpha channel").isTrue();
        assertThat(cutout.getRGB(0, 0) >>> 24).as("its corner is cut away").isZero();
        assertThat(steps.get(4).file().toString()).endsWith(".png");

        byte[] video = Files.readAllBytes(steps.get(1).file());
        assertThat(new String(Arrays.copyOfRange(video, 4, 8), StandardCharsets.US_ASCII)).isEqualTo("ftyp");
        byte[] audio = Files.readAllBytes(steps.get(2).file());
        boolean id3 = new String(Arrays.copyOfRange(audio, 0, 3), StandardCharsets.US_ASCII).equals("ID3");
        boolean frameSync = (audio[0] & 0xFF) == 0xFF && (audio[1] & 0xE0) == 0xE0;
        assertThat(id3 || frameSync).as("MP3 starts with an ID3 tag or a frame header").isTrue();
        assertThat(Files.readString(steps.get(3).file())).isNotBlank();
    }
}
