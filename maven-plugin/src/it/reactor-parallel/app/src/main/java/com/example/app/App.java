package com.example.app;

import com.example.images.BflFlux1DevRequest;

public final class App {
    public static BflFlux1DevRequest request() {
        return BflFlux1DevRequest.builder().positivePrompt("a lighthouse at dusk").build();
    }
}
