package dev.airgen.schema.snapshot;

/** What a request schema in a snapshot describes. */
public enum EntryKind {
    /** One model, addressed by its AIR. */
    MODEL,
    /** Every model of an architecture (community fine-tunes such as {@code civitai:} SDXL checkpoints). */
    ARCHITECTURE,
    /** Every model of an output modality without a schema of its own. */
    MODALITY,
    /** A task such as upscale or caption, run by any model that supports it. */
    OPERATION,
    /** A platform utility task (model search, uploads, account). */
    UTILITY
}
