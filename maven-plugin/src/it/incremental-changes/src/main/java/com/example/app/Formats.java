package com.example.app;

import com.example.tiny.CommonTypes;

/** The consumer's own class, compiled against a generated one; it must be compiled again when that one changes. */
public final class Formats {

    private Formats() {
    }

    public static CommonTypes.ImageFormat preferred() {
        return CommonTypes.ImageFormat.PNG;
    }
}
