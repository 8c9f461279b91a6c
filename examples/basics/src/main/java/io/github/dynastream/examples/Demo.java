package io.github.dynastream.examples;

import io.github.dynastream.StreamProcessor;
import io.github.dynastream.examples.orders.OrderEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The local demo: runs {@link OrderEvents} over two bundled stream events, the way Lambda would, and
 * prints what the handlers did and what the function returns to Lambda.
 *
 * <p>Run it with {@code mvn -q -Pdemo -DskipTests package} from the repository root.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        StreamProcessor processor = StreamProcessor.builder()
                .handler(new OrderEvents((to, message) -> out.println("    -> " + to + ": " + message)))
                .build();

        out.println("dynastream demo: OrderEvents handling a DynamoDB stream batch");
        run(
                processor,
                "orders-event.json",
                "6 records: two orders placed, one paid, one re-tagged (no handler"
                        + " wants that), one deleted, one expired by TTL",
                out);
        run(processor, "orders-event-unmappable.json", "3 records; the second has a total that is not a number", out);
        out.println("The failed record's sequence number goes back to Lambda, which retries from it; the record"
                + " after it was not attempted, so per-item order holds.");
    }

    private static void run(StreamProcessor processor, String resource, String description, PrintStream out) {
        out.println();
        out.println("  " + resource + " (" + description + ")");
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        try (InputStream event = Demo.class.getResourceAsStream("/" + resource)) {
            if (event == null) {
                throw new IllegalStateException("demo resource " + resource + " is missing from the classpath");
            }
            processor.process(event, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println("    response to Lambda: " + response.toString(StandardCharsets.UTF_8));
    }
}
