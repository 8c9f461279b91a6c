package io.github.dynastream.examples.s3ingest;

import java.util.Objects;

/**
 * A message about a new row, for whoever subscribes to the topic.
 *
 * <pre>{@code
 * notifier.send(new Notification("uploads/incoming/readings.csv", 2, "{\"line\":2}"));
 * }</pre>
 *
 * @param file the row's file ({@code bucket/key})
 * @param line the row's line
 * @param message the message body: the row as JSON
 */
public record Notification(String file, long line, String message) {
    public Notification {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
    }
}
