package io.github.dynastream.examples.s3ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the notifications sent, in order, for tests and the demo. Thread-safe.
 *
 * <pre>{@code
 * InMemoryNotifier notifier = new InMemoryNotifier();
 * // ... process the stream ...
 * notifier.sent().forEach(n -> System.out.println(n.message()));
 * }</pre>
 */
public final class InMemoryNotifier implements Notifier {
    private final List<Notification> sent = new ArrayList<>();

    @Override
    public synchronized void send(Notification notification) {
        sent.add(notification);
    }

    /** Every notification sent, in order. */
    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }
}
