package com.example.app;

import com.example.runware.BflFlux1DevRequest;

/** The consumer's own code: the class the edit-loop check edits between builds. */
public final class Prompts {

    private Prompts() {
    }

    public static BflFlux1DevRequest lighthouse() {
        return BflFlux1DevRequest.builder().positivePrompt("a lighthouse at dusk").width(1024).height(768).build();
    }
}
