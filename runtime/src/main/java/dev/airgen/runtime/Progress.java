package dev.airgen.runtime;

import java.util.OptionalInt;

/**
 * Where an async task stands after a poll.
 *
 * @param taskUUID        the task
 * @param status          the latest status the server reported: {@code processing}, {@code success}, ...
 * @param percent         the server's progress figure (0-100), when it sent one
 * @param resultsReceived distinct finished results so far
 * @param resultsExpected results the task will deliver ({@code numberResults})
 */
public record Progress(String taskUUID, String status, OptionalInt percent, int resultsReceived, int resultsExpected) {
}
