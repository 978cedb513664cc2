package dev.airgen.emulator;

import static dev.airgen.emulator.TestSupport.api;
import static dev.airgen.emulator.TestSupport.array;
import static dev.airgen.emulator.TestSupport.dataFor;
import static dev.airgen.emulator.TestSupport.image;
import static dev.airgen.emulator.TestSupport.task;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class UtilitiesTest {
    static RunwareEmulator emulator;
    static final byte[] PNG = new MediaSpec(MediaSpec.Kind.IMAGE, "PNG", 16, 8, 1, 0).render();

    @BeforeAll
    static void start() {
        emulator = TestSupport.builder().start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void imageUploadStoresBase64AndDataUris() {
        TestSupport.Resp r = api(emulator, task("imageUpload", null).put("image", Base64.getEncoder().encodeToString(PNG)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String url = r.data(0).get("imageURL").asString();
        assertThat(r.data(0).get("imageUUID").asString()).isNotBlank();
        assertThat(TestSupport.download(url)).isEqualTo(PNG);

        TestSupport.Resp viaUri = api(emulator, task("imageUpload", null)
                .put("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(PNG)));
        assertThat(TestSupport.download(viaUri.data(0).get("imageURL").asString())).isEqualTo(PNG);

        TestSupport.Resp own = api(emulator, task("imageUpload", null).put("image", url));
        assertThat(own.data(0).get("imageURL").asString()).isEqualTo(url);
    }

    @Test
    void remoteUrlsAreNeverDownloadedButRedirectedTo() throws Exception {
        TestSupport.Resp remote = api(emulator, task("mediaStorage", null).put("operation", "upload")
                .put("media", "https://example.com/inputs/clip.mp4"));
        assertThat(remote.status()).isEqualTo(200);
        String url = remote.data(0).get("mediaURL").asString();
        assertThat(url).startsWith("http://127.0.0.1:" + emulator.port() + "/media/").endsWith(".mp4");
        java.net.http.HttpResponse<Void> r = TestSupport.CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .timeout(TestSupport.DEADLINE).GET().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("location")).hasValue("https://example.com/inputs/clip.mp4");
    }

    @Test
    void imageUploadRefusesWhatItCannotRead() {
        TestSupport.Resp garbage = api(emulator, task("imageUpload", null).put("image", "@@@not base64@@@"));
        assertThat(garbage.error(0).get("parameter").asString()).isEqualTo("image");
        TestSupport.Resp missing = api(emulator, task("imageUpload", null));
        assertThat(missing.error(0).get("code").asString()).isEqualTo("missingImage");
    }

    @Test
    void mediaStorageUploadsAndDeletes() {
        TestSupport.Resp up = api(emulator, task("mediaStorage", null).put("operation", "upload")
                .put("media", Base64.getEncoder().encodeToString(PNG)));
        assertThat(up.data(0).get("operation").asString()).isEqualTo("upload");
        String id = up.data(0).get("mediaUUID").asString();
        String url = up.data(0).get("mediaURL").asString();
        assertThat(TestSupport.download(url)).isEqualTo(PNG);

        TestSupport.Resp del = api(emulator, task("mediaStorage", null).put("operation", "delete").put("media", id));
        assertThat(del.data(0).get("operation").asString()).isEqualTo("delete");
        assertThat(del.data(0).get("mediaUUID").asString()).isEqualTo(id);
        assertThat(TestSupport.get(java.net.URI.create(url)).status()).isEqualTo(404);

        TestSupport.Resp again = api(emulator, task("mediaStorage", null).put("operation", "delete").put("media", id));
        assertThat(again.status()).as("deleting is idempotent").isEqualTo(200);
        assertThat(TestSupport.get(java.net.URI.create(url)).status()).isEqualTo(404);
    }

    @Test
    void modelSearchFiltersTheCatalog() {
        TestSupport.Resp all = api(emulator, task("modelSearch", null).put("search", ""));
        assertThat(all.data(0).get("totalResults").intValue()).isEqualTo(8);

        TestSupport.Resp video = api(emulator, task("modelSearch", null).put("search", "video"));
        JsonNode results = video.data(0).get("results");
        assertThat(results).hasSize(1);
        assertThat(results.get(0).get("air").asString()).isEqualTo("test:video@1");
        assertThat(results.get(0).get("name").asString()).isEqualTo("Test Video 1");

        ObjectNode byArch = task("modelSearch", null).put("search", "").put("architecture", "sdxl");
        assertThat(api(emulator, byArch).data(0).get("results").get(0).get("air").asString()).isEqualTo("civitai:101@202");

        ObjectNode byCap = task("modelSearch", null).put("search", "test");
        byCap.putArray("capabilities").add("io:image-to-image");
        assertThat(api(emulator, byCap).data(0).get("totalResults").intValue()).isEqualTo(1);

        TestSupport.Resp page = api(emulator, task("modelSearch", null).put("search", "test").put("limit", 2).put("offset", 1));
        assertThat(page.data(0).get("results")).hasSize(2);
        assertThat(page.data(0).get("totalResults").intValue()).isEqualTo(7);

        TestSupport.Resp invalid = api(emulator, task("modelSearch", null));
        assertThat(invalid.error(0).get("code").asString()).isEqualTo("missingSearch");
    }

    @Test
    void getTaskDetailsReturnsRequestAndResponse() {
        ObjectNode t = image();
        api(emulator, t);
        TestSupport.Resp d = api(emulator, task("getTaskDetails", null).put("taskUUID", t.get("taskUUID").asString()));
        JsonNode item = d.data(0);
        assertThat(item.get("taskType").asString()).isEqualTo("getTaskDetails");
        assertThat(item.get("request").get(0).get("positivePrompt").asString()).isEqualTo("a lighthouse");
        assertThat(item.get("response").get("data").get(0).get("imageURL").asString()).isNotBlank();

        ObjectNode bad = image().put("width", 1);
        api(emulator, bad);
        TestSupport.Resp f = api(emulator, task("getTaskDetails", null).put("taskUUID", bad.get("taskUUID").asString()));
        assertThat(f.data(0).get("response").get("errors").get(0).get("parameter").asString()).isEqualTo("width");

        TestSupport.Resp unknown = api(emulator, task("getTaskDetails", null));
        assertThat(unknown.error(0).get("code").asString()).isEqualTo("taskNotFound");
    }

    @Test
    void accountManagementReportsDetailsAndUsage() {
        api(emulator, image().put("includeCost", true));
        TestSupport.Resp details = api(emulator, task("accountManagement", null).put("operation", "getDetails"));
        JsonNode d = details.data(0);
        assertThat(d.get("balance").get("currency").asString()).isEqualTo("USD");
        assertThat(d.get("balance").get("amount").doubleValue()).isLessThan(1000.0);
        assertThat(d.get("apiKeys").get(0).get("apiKey").asString()).startsWith("****").doesNotContain(TestSupport.KEY);

        TestSupport.Resp usage = api(emulator, task("accountManagement", null).put("operation", "getUsageActivity"));
        assertThat(usage.data(0).get("usage").get("total").get("requests").longValue()).isPositive();

        TestSupport.Resp bad = api(emulator, task("accountManagement", null).put("operation", "explode"));
        assertThat(bad.error(0).get("code").asString()).isEqualTo("invalidOperation");
    }

    @Test
    void modelUploadIsAcknowledgedWithoutDownloading() {
        ObjectNode t = task("modelUpload", null).put("name", "My Style").put("version", "1")
                .put("downloadURL", "https://example.com/model.safetensors");
        TestSupport.Resp r = api(emulator, t);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.data(0).get("status").asString()).isEqualTo("ready");
        assertThat(r.data(0).get("air").asString()).isEqualTo("runware:my-style@1");
    }

    @Test
    void utilitiesWorkOverWebSocketToo() {
        try (TestSupport.Ws ws = TestSupport.Ws.open(emulator)) {
            ws.auth(null);
            List<ObjectNode> tasks = new ArrayList<>();
            tasks.add(task("modelSearch", null).put("search", "chat"));
            tasks.add(task("imageUpload", null).put("image", Base64.getEncoder().encodeToString(PNG)));
            tasks.add(task("mediaStorage", null).put("operation", "upload").put("media", Base64.getEncoder().encodeToString(PNG)));
            tasks.add(task("accountManagement", null).put("operation", "getDetails"));
            ws.send(array(tasks.toArray(ObjectNode[]::new)));
            JsonNode search = ws.await(dataFor(tasks.get(0).get("taskUUID").asString()));
            assertThat(search.get("data").get(0).get("results").get(0).get("air").asString()).isEqualTo("test:text@1");
            assertThat(ws.await(dataFor(tasks.get(1).get("taskUUID").asString())).get("data").get(0).get("imageURL")).isNotNull();
            assertThat(ws.await(dataFor(tasks.get(2).get("taskUUID").asString())).get("data").get(0).get("mediaURL")).isNotNull();
            assertThat(ws.await(dataFor(tasks.get(3).get("taskUUID").asString())).get("data").get(0).get("balance")).isNotNull();

            ObjectNode t = image();
            ws.send(array(t));
            ws.await(dataFor(t.get("taskUUID").asString()));
            ObjectNode details = task("getTaskDetails", null).put("taskUUID", t.get("taskUUID").asString());
            ws.send(array(details));
            assertThat(ws.await(f -> f.path("data").path(0).path("taskType").asString("").equals("getTaskDetails"))
                    .get("data").get(0).get("request")).hasSize(1);
        }
    }
}
