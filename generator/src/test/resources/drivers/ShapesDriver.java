package dev.airgen.test.shapes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.airgen.runtime.types.JsonValue;
import dev.airgen.runtime.types.MediaInput;
import dev.airgen.test.shapes.providers.AcmeVideoSettings;
import dev.airgen.test.shapes.types.Duration;
import dev.airgen.test.shapes.types.Frame;
import dev.airgen.test.shapes.types.FrameImage;
import dev.airgen.test.shapes.types.HiresFix;
import dev.airgen.test.shapes.types.HiresSettings;
import dev.airgen.test.shapes.types.ImageMessage;
import dev.airgen.test.shapes.types.Inputs;
import dev.airgen.test.shapes.types.Lora;
import dev.airgen.test.shapes.types.Message;
import dev.airgen.test.shapes.types.OutputFormat;
import dev.airgen.test.shapes.types.Safety;
import dev.airgen.test.shapes.types.Mode;
import dev.airgen.test.shapes.types.TextMessage;
import dev.airgen.test.shapes.types.VideoCamera;
import java.util.List;
import java.util.Map;

/**
 * Uses the classes generated from the "shapes" snapshot the way an application would. Compiled together
 * with them, so a renamed or missing member fails compilation; every public static method is one test.
 */
public final class ShapesDriver {

    private static final tools.jackson.databind.json.JsonMapper JACKSON3 = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final com.fasterxml.jackson.databind.ObjectMapper JACKSON2 = new com.fasterxml.jackson.databind.ObjectMapper();

    private ShapesDriver() {
    }

    static AcmeVideo1Request fullVideoRequest() {
        return AcmeVideo1Request.builder()
                .positivePrompt("a lighthouse at dusk")
                .width(1280).height(720)
                .duration(Duration.V10)
                .outputFormat(OutputFormat.WEBM)
                .inputs(Inputs.builder()
                        .addFrameImage(FrameImage.builder().image("https://example.com/first.png").frame(Frame.FIRST).build())
                        .addReferenceImage(MediaInput.uuid("7f0b6c1e-8f2a-4a57-9d3b-3c1a2b4d5e6f"))
                        .build())
                .safety(Safety.builder().checkContent(true).mode(Mode.FAST).build())
                .seed(42)
                .putMetadata("weight", 0.5)
                .extra(Map.of("anything", List.of(1, "two")))
                .hiresFix(HiresFix.ofHiresSettings(HiresSettings.builder().steps(3).build()))
                .providerSettings(AcmeVideoSettings.builder().camera(VideoCamera.PAN).sound(true).build())
                .classValue("cinematic")
                .build();
    }

    public static void builderNamesEveryMissingRequiredProperty() {
        assertThatThrownBy(() -> FrameImage.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("FrameImage")
                .hasMessageContaining("image")
                .hasMessageContaining("frame");
        assertThatThrownBy(() -> AcmeVideo1Request.builder().build()).hasMessageContaining("positivePrompt");
    }

    public static void constantsArePresetAndTaskUuidIsGenerated() throws Exception {
        AcmeVideo1Request request = AcmeVideo1Request.builder().positivePrompt("x").build();
        String json = JACKSON3.writeValueAsString(request);
        assertThat(json).contains("\"taskType\":\"videoInference\"").contains("\"model\":\"acme:video@1\"");
        assertThat(request.taskUUID()).matches("[0-9a-f-]{36}");
        assertThat(AcmeVideo1Request.builder().positivePrompt("x").build().taskUUID()).isNotEqualTo(request.taskUUID());
        assertThat(request.resultType()).isEqualTo(VideoInferenceResult.class);
        assertThat(AcmeVideo1Request.class.getResource(request.requestSchema())).isNotNull();
        assertThat(AcmeVideo1Request.MODEL).isEqualTo("acme:video@1");
    }

    public static void roundTripsWithJackson3() throws Exception {
        AcmeVideo1Request request = fullVideoRequest();
        String json = JACKSON3.writeValueAsString(request);
        AcmeVideo1Request back = JACKSON3.readValue(json, AcmeVideo1Request.class);
        assertThat(back).isEqualTo(request);
        assertThat(JACKSON3.writeValueAsString(back)).isEqualTo(json);
        assertThat(JACKSON3.readTree(json).at("/providerSettings/acme/camera").asString()).isEqualTo("pan");
        assertThat(JACKSON3.readTree(json).at("/hiresFix/steps").asInt()).isEqualTo(3);
        assertThat(JACKSON3.readTree(json).at("/class").asString()).isEqualTo("cinematic");
    }

    public static void roundTripsWithJackson2() throws Exception {
        AcmeVideo1Request request = fullVideoRequest();
        String json = JACKSON2.writeValueAsString(request);
        assertThat(json).isEqualTo(JACKSON3.writeValueAsString(request));
        AcmeVideo1Request back = JACKSON2.readValue(json, AcmeVideo1Request.class);
        assertThat(back).isEqualTo(request);
        assertThat(JACKSON2.writeValueAsString(back)).isEqualTo(json);
    }

    public static void unknownEnumValuesSurviveBothMappers() throws Exception {
        String json = "{\"taskType\":\"videoInference\",\"taskUUID\":\"u\",\"model\":\"acme:video@1\",\"positivePrompt\":\"p\","
                + "\"outputFormat\":\"MKV\",\"duration\":7}";
        for (boolean jackson3 : new boolean[] {true, false}) {
            AcmeVideo1Request read = jackson3 ? JACKSON3.readValue(json, AcmeVideo1Request.class)
                    : JACKSON2.readValue(json, AcmeVideo1Request.class);
            assertThat(read.outputFormat().orElseThrow().isKnown()).isFalse();
            assertThat(read.outputFormat().orElseThrow().value()).isEqualTo("MKV");
            assertThat(read.duration().orElseThrow().value()).isEqualTo(7);
            String written = jackson3 ? JACKSON3.writeValueAsString(read) : JACKSON2.writeValueAsString(read);
            assertThat(written).contains("\"outputFormat\":\"MKV\"").contains("\"duration\":7");
        }
        assertThat(OutputFormat.of("MP4")).isSameAs(OutputFormat.MP4);
        assertThat(OutputFormat.knownValues()).containsExactly(OutputFormat.MP4, OutputFormat.WEBM);
    }

    public static void unknownFieldsSurviveBothMappers() throws Exception {
        String json = "{\"taskType\":\"videoInference\",\"taskUUID\":\"u\",\"videoUUID\":\"v\",\"status\":\"queued\","
                + "\"brandNew\":{\"a\":[1,2]},\"flag\":true}";
        for (boolean jackson3 : new boolean[] {true, false}) {
            VideoInferenceResult result = jackson3 ? JACKSON3.readValue(json, VideoInferenceResult.class)
                    : JACKSON2.readValue(json, VideoInferenceResult.class);
            assertThat(result.videoUUID()).isEqualTo("v");
            assertThat(result.additionalProperties()).containsKeys("brandNew", "flag");
            assertThat(result.additionalProperties().get("brandNew").asMap().get("a").asList()).hasSize(2);
            String written = jackson3 ? JACKSON3.writeValueAsString(result) : JACKSON2.writeValueAsString(result);
            assertThat(JACKSON3.readTree(written)).isEqualTo(JACKSON3.readTree(json));
        }
    }

    public static void shapeUnionsPickTheMatchingAlternative() throws Exception {
        String base = "{\"taskType\":\"videoInference\",\"taskUUID\":\"u\",\"model\":\"acme:video@1\",\"positivePrompt\":\"p\",\"hiresFix\":";
        assertThat(JACKSON3.readValue(base + "true}", AcmeVideo1Request.class).hiresFix().orElseThrow().isTrue()).isTrue();
        HiresFix object = JACKSON2.readValue(base + "{\"steps\":4}}", AcmeVideo1Request.class).hiresFix().orElseThrow();
        assertThat(object.isHiresSettings()).isTrue();
        assertThat(object.asHiresSettings().steps()).contains(4);
        HiresFix unknown = JACKSON3.readValue(base + "\"sometimes\"}", AcmeVideo1Request.class).hiresFix().orElseThrow();
        assertThat(unknown.isUnknown()).isTrue();
        assertThat(unknown.asJson()).isEqualTo(JsonValue.of("sometimes"));
        assertThatThrownBy(unknown::asHiresSettings).isInstanceOf(IllegalStateException.class);
        assertThat(JACKSON3.writeValueAsString(HiresFix.ofTrue())).isEqualTo("true");
    }

    public static void discriminatedUnionsReadEveryVariantAndKeepUnknownOnes() throws Exception {
        String json = "{\"taskType\":\"imageInference\",\"taskUUID\":\"u\",\"model\":\"acme:image@1\",\"messages\":["
                + "{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"image\",\"url\":\"https://e/x.png\"},{\"type\":\"video\",\"src\":\"s\"}]}";
        for (boolean jackson3 : new boolean[] {true, false}) {
            AcmeImage1Request read = jackson3 ? JACKSON3.readValue(json, AcmeImage1Request.class) : JACKSON2.readValue(json, AcmeImage1Request.class);
            List<Message> messages = read.messages().orElseThrow();
            assertThat(messages.get(0)).isInstanceOf(TextMessage.class);
            assertThat(((TextMessage) messages.get(0)).text()).isEqualTo("hi");
            assertThat(messages.get(1)).isInstanceOf(ImageMessage.class);
            assertThat(messages.get(2)).isInstanceOf(Message.Unknown.class);
            assertThat(messages.get(2).type()).isEqualTo("video");
            String written = jackson3 ? JACKSON3.writeValueAsString(read) : JACKSON2.writeValueAsString(read);
            assertThat(JACKSON3.readTree(written)).isEqualTo(JACKSON3.readTree(json));
        }
        TextMessage built = TextMessage.builder().text("hello").build();
        assertThat(JACKSON3.writeValueAsString(built)).isEqualTo("{\"type\":\"text\",\"text\":\"hello\"}");
    }

    public static void mediaInputsAcceptEveryForm() throws Exception {
        AcmeImage1Request request = AcmeImage1Request.builder().seedImage("data:image/png;base64,iVBORw0KGgo=").build();
        assertThat(request.seedImage().orElseThrow().kind()).isEqualTo(MediaInput.Kind.DATA_URI);
        AcmeImage1Request read = JACKSON3.readValue(JACKSON3.writeValueAsString(request), AcmeImage1Request.class);
        assertThat(read.seedImage()).isEqualTo(request.seedImage());
        FrameImage frame = FrameImage.builder().image(MediaInput.url("https://example.com/a.png")).frame(Frame.LAST).build();
        assertThat(JACKSON2.writeValueAsString(frame)).isEqualTo("{\"image\":\"https://example.com/a.png\",\"frame\":\"last\"}");
    }

    public static void valuesAreImmutableAndCopyable() {
        AcmeVideo1Request request = fullVideoRequest();
        List<FrameImage> frames = request.inputs().orElseThrow().frameImages().orElseThrow();
        assertThatThrownBy(() -> frames.add(frames.get(0))).isInstanceOf(UnsupportedOperationException.class);
        AcmeVideo1Request changed = request.toBuilder().positivePrompt("another").build();
        assertThat(changed.positivePrompt()).isEqualTo("another");
        assertThat(changed.taskUUID()).as("a derived request is a new task").isNotEqualTo(request.taskUUID());
        assertThat(request.toBuilder().taskUUID(request.taskUUID()).build().taskUUID()).isEqualTo(request.taskUUID());
        assertThat(request.positivePrompt()).isEqualTo("a lighthouse at dusk");
        assertThat(changed).isNotEqualTo(request);
        assertThat(request.toString()).contains("positivePrompt=a lighthouse at dusk");
    }

    public static void sharedShapesAreOneClass() {
        // The same LoRA item shape is used by the acme image model and the SDXL architecture.
        SdxlRequest sdxl = SdxlRequest.builder().model("civitai:101@202").positivePrompt("p").addLora(Lora.builder().model("civitai:1@2").weight(0.8).build()).build();
        AcmeImage1Request acme = AcmeImage1Request.builder().addLora(sdxl.lora().orElseThrow().get(0)).build();
        assertThat(acme.lora().orElseThrow().get(0).weight()).contains(0.8);
    }

    public static void openRequestsAcceptExtraProperties() throws Exception {
        SdxlRequest sdxl = SdxlRequest.builder().model("civitai:101@202").positivePrompt("p").putAdditionalProperty("futureOption", 3).build();
        assertThat(JACKSON3.writeValueAsString(sdxl)).contains("\"futureOption\":3");
    }

    public static void catalogFindsModelsByAirAndSlug() {
        assertThat(RunwareCatalog.byAir("civitai:101@202").orElseThrow().requestClass()).isEqualTo(SdxlRequest.class.getName());
        assertThat(RunwareCatalog.requestType(RunwareCatalog.byAir("civitai:101@202").orElseThrow())).contains(SdxlRequest.class);
        assertThat(RunwareCatalog.bySlug("acme-video-1").orElseThrow().name()).isEqualTo("Acme Video 1");
        assertThat(RunwareCatalog.ACME_VIDEO_1.capabilities()).containsExactly("io:text-to-video");
        assertThat(RunwareCatalog.all()).hasSize(3);
    }
}
