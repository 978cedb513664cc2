package dev.airgen.runtime;

import static dev.airgen.runtime.FakeServer.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.airgen.runtime.fixtures.ImageResult;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class UtilitiesTest {

    private FakeServer server;
    private RunwareClient client;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        server = new FakeServer();
        client = RestClientTest.fastClient(server).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void imageUploadSendsADataUriAndReturnsTheUuid() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        Path file = dir.resolve("pic.png");
        Files.write(file, png);
        server.handle(s -> json(200, "{\"data\":[{\"taskType\":\"imageUpload\",\"taskUUID\":\""
                + s.task().get("taskUUID").asString() + "\",\"imageUUID\":\"up-1\",\"imageURL\":\"https://im/up-1.png\"}]}"));

        UploadedMedia uploaded = client.imageUpload(file);

        assertThat(uploaded).isEqualTo(new UploadedMedia("up-1", "https://im/up-1.png"));
        JsonNode task = server.seen().get(0).task();
        assertThat(task.get("taskType").asString()).isEqualTo("imageUpload");
        assertThat(task.get("image").asString())
                .isEqualTo("data:image/png;base64," + Base64.getEncoder().encodeToString(png));

        client.imageUpload(URI.create("https://example.com/cat.jpg"));
        assertThat(server.seen().get(1).task().get("image").asString()).isEqualTo("https://example.com/cat.jpg");
    }

    @Test
    void mediaStorageUploadAndDelete() {
        server.handle(s -> {
            JsonNode t = s.task();
            String body = "upload".equals(t.get("operation").asString())
                    ? "{\"taskType\":\"mediaStorage\",\"taskUUID\":\"" + t.get("taskUUID").asString()
                    + "\",\"operation\":\"upload\",\"mediaUUID\":\"m-1\",\"mediaURL\":\"https://m/1\"}"
                    : "{\"taskType\":\"mediaStorage\",\"taskUUID\":\"" + t.get("taskUUID").asString()
                    + "\",\"operation\":\"delete\",\"mediaUUID\":\"m-1\"}";
            return json(200, "{\"data\":[" + body + "]}");
        });
        assertThat(client.mediaUpload(new byte[] {1, 2, 3}, "audio/mpeg").uuid()).isEqualTo("m-1");
        assertThat(server.seen().get(0).task().get("media").asString()).startsWith("data:audio/mpeg;base64,");
        client.mediaDelete("m-1");
        assertThat(server.seen().get(1).task().get("operation").asString()).isEqualTo("delete");
        assertThat(server.seen().get(1).task().get("media").asString()).isEqualTo("m-1");
    }

    @Test
    void downloadWritesTheFileAtomicallyWithProgressAndWithoutTheKey() throws Exception {
        byte[] content = new byte[200_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        server.handle(s -> exchange -> {
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        });
        List<long[]> progress = new CopyOnWriteArrayList<>();
        Path target = dir.resolve("out/video.mp4");

        long n = client.download(server.url().resolve("/files/video.mp4"), target,
                (read, total) -> progress.add(new long[] {read, total}));

        assertThat(n).isEqualTo(content.length);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(content.length, content.length);
        assertThat(server.seen().get(0).header("Authorization")).isNull();
        try (var files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void downloadFollowsRedirectsButChecksEveryHop() throws Exception {
        byte[] content = {1, 2, 3, 4};
        server.handle(s -> exchange -> {
            switch (s.path()) {
                case "/start" -> {
                    exchange.getResponseHeaders().add("Location", "/final.bin");
                    exchange.sendResponseHeaders(302, -1);
                }
                case "/final.bin" -> {
                    exchange.sendResponseHeaders(200, content.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(content);
                    }
                }
                default -> {
                    exchange.getResponseHeaders().add("Location", "http://files.example.com/elsewhere.bin");
                    exchange.sendResponseHeaders(301, -1);
                }
            }
            exchange.close();
        });
        Path target = dir.resolve("followed.bin");
        assertThat(client.download(server.url().resolve("/start"), target, null)).isEqualTo(4);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThatThrownBy(() -> client.download(server.url().resolve("/away"), dir.resolve("x.bin"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void failedDownloadLeavesNoFile() {
        server.script(json(404, "{}"));
        Path target = dir.resolve("missing.png");
        RunwareException e = catchThrowableOfType(RunwareException.class,
                () -> client.download(server.url().resolve("/nope.png"), target, null));
        assertThat(e.category()).isEqualTo(ErrorCategory.NOT_FOUND);
        assertThat(target).doesNotExist();
    }

    @Test
    void downloadRefusesPlainHttpToRemoteHosts() {
        assertThatThrownBy(() -> client.download(URI.create("http://files.example.com/a.png"), dir.resolve("a.png"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("https");
    }

    @Test
    void webhookBodiesParseIntoTypedResults() {
        String envelope = "{\"data\":[{\"taskType\":\"imageInference\",\"taskUUID\":\"t-1\",\"imageUUID\":\"i-1\","
                + "\"extraField\":true}]}";
        List<ImageResult> results = client.parseWebhook(envelope, ImageResult.class);
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.imageUUID()).isEqualTo("i-1");
            assertThat(r.additionalProperties()).containsKey("extraField");
        });
        String bare = "{\"taskType\":\"imageInference\",\"taskUUID\":\"t-2\",\"imageUUID\":\"i-2\"}";
        assertThat(client.parseWebhook(bare, ImageResult.class)).extracting(ImageResult::imageUUID).containsExactly("i-2");
        RunwareException e = catchThrowableOfType(RunwareException.class, () -> client.parseWebhook(
                "{\"errors\":[{\"code\":\"taskFailed\",\"message\":\"x\",\"taskUUID\":\"t-3\"}]}", ImageResult.class));
        assertThat(e.taskUUID()).isEqualTo("t-3");
        assertThat(catchThrowableOfType(RunwareException.class, () -> client.parseWebhook("{oops", ImageResult.class))
                .code()).isEqualTo("malformedResponse");
    }
}
