package ${package};

import ${package}.runware.BflFlux1DevRequest;
import dev.airgen.runtime.RunwareClient;

/**
 * Generates one image with FLUX.1 [dev]. The request class comes from the bindings module; the client reads
 * the API key from the RUNWARE_API_KEY environment variable.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        if (System.getenv(RunwareClient.API_KEY_VARIABLE) == null) {
            System.err.println("Set " + RunwareClient.API_KEY_VARIABLE + " to your Runware API key to run this.");
            System.exit(2);
        }
        String prompt = args.length > 0 ? String.join(" ", args) : "a lighthouse on a basalt cliff at dusk";
        try (RunwareClient client = RunwareClient.create()) {
            BflFlux1DevRequest.Result image = client.run(request(prompt)).get(0);
            System.out.println(image.imageURL().orElse("(no URL in the result)"));
        }
    }

    /** The request this application sends: everything a FLUX.1 [dev] text-to-image task needs. */
    static BflFlux1DevRequest request(String prompt) {
        return BflFlux1DevRequest.builder()
                .positivePrompt(prompt)
                .width(1024)
                .height(768)
                .steps(28)
                .build();
    }
}
