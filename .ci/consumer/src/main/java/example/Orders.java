package example;

import io.github.dynastream.OnInsert;
import io.github.dynastream.StreamProcessor;
import java.util.ArrayList;
import java.util.List;

/** A handler written against the published API only. */
public class Orders {
    public record Order(String id, String status) {}

    public final List<String> placed = new ArrayList<>();

    @OnInsert
    void placed(Order order) {
        placed.add(order.id());
    }

    public StreamProcessor processor() {
        return StreamProcessor.builder().handler(this).build();
    }
}
