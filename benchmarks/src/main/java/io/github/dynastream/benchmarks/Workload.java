package io.github.dynastream.benchmarks;

import io.github.dynastream.testkit.StreamEvents;
import io.github.dynastream.testkit.TestStream;
import io.github.dynastream.testkit.TestTable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

/**
 * The deterministic workload: a NEW_AND_OLD_IMAGES shard of order items with INSERT, MODIFY and
 * REMOVE mixed 30/60/10 over a pool of live orders, written as one Lambda event. The same seed and
 * size give the same bytes.
 */
public final class Workload {
    private static final TestTable ORDERS = StreamEvents.table("Orders")
            .partitionKey("customerId")
            .sortKey("orderId")
            .build();
    private static final String[] STATUSES = {"PLACED", "PAID", "PACKED", "SHIPPED", "DELIVERED"};
    private static final String[] CITIES = {"Berlin", "Lisbon", "Oslo", "Vienna", "Dublin", "Warsaw"};

    private Workload() {}

    /** The Lambda event JSON of a batch of {@code records} records. */
    public static byte[] event(int records, long seed) {
        Random random = new Random(seed);
        TestStream stream = ORDERS.stream().startingAt(Instant.parse("2026-11-22T00:00:00Z"));
        List<OrderItem> live = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < records; i++) {
            int roll = random.nextInt(100);
            if (live.isEmpty() || roll < 30) {
                OrderItem item = order(random, next++);
                live.add(item);
                stream.insert(item);
            } else if (roll < 90) {
                int index = random.nextInt(live.size());
                OrderItem before = live.get(index);
                OrderItem after = modified(random, before);
                live.set(index, after);
                stream.modify(before, after);
            } else {
                stream.remove(live.remove(random.nextInt(live.size())));
            }
        }
        return stream.toJsonBytes();
    }

    private static OrderItem order(Random random, int n) {
        OrderItem item = new OrderItem();
        item.setCustomerId("customer#" + (10_000 + random.nextInt(5_000)));
        item.setOrderId("order#" + (1_000_000 + n));
        item.setStatus(STATUSES[0]);
        item.setCurrency("EUR");
        item.setCreatedAt(Instant.parse("2026-11-01T00:00:00Z")
                .plusSeconds(random.nextInt(1_000_000))
                .toString());
        item.setExpress(random.nextBoolean());
        item.setGiftMessage(null); // written as NULL
        LinkedHashSet<String> tags = new LinkedHashSet<>();
        tags.add("web");
        tags.add(random.nextBoolean() ? "newsletter" : "app");
        tags.add("segment-" + random.nextInt(20));
        item.setTags(tags);
        OrderItem.Address address = new OrderItem.Address();
        address.setName("Customer " + random.nextInt(100_000));
        address.setStreet(random.nextInt(300) + " Example Street");
        address.setCity(CITIES[random.nextInt(CITIES.length)]);
        address.setZip(String.format("%05d", random.nextInt(100_000)));
        address.setCountry("DE");
        item.setShipping(address);
        List<OrderItem.Line> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        int count = 2 + random.nextInt(2);
        for (int l = 0; l < count; l++) {
            OrderItem.Line line = new OrderItem.Line();
            line.setSku("SKU-" + (100_000 + random.nextInt(900_000)));
            line.setQuantity(1 + random.nextInt(4));
            line.setPrice(BigDecimal.valueOf(100 + random.nextInt(99_900), 2));
            total = total.add(line.getPrice().multiply(BigDecimal.valueOf(line.getQuantity())));
            lines.add(line);
        }
        item.setLines(lines);
        item.setTotal(total);
        item.setVersion(1L);
        return item;
    }

    private static OrderItem modified(Random random, OrderItem before) {
        OrderItem after = new OrderItem();
        after.setCustomerId(before.getCustomerId());
        after.setOrderId(before.getOrderId());
        after.setStatus(STATUSES[1 + random.nextInt(STATUSES.length - 1)]);
        after.setTotal(before.getTotal());
        after.setCurrency(before.getCurrency());
        after.setCreatedAt(before.getCreatedAt());
        after.setExpress(before.getExpress());
        after.setGiftMessage(before.getGiftMessage());
        after.setTags(before.getTags());
        after.setShipping(before.getShipping());
        after.setLines(before.getLines());
        after.setVersion(before.getVersion() + 1);
        return after;
    }

    /** Writes the workload files the cold-start harness reads: {@code orders-100.json} etc. */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/workload");
        Files.createDirectories(dir);
        for (int size : new int[] {100, 1_000, 10_000}) {
            byte[] json = event(size, 42);
            Files.write(dir.resolve("orders-" + size + ".json"), json);
            System.out.printf(
                    "orders-%d.json: %d bytes, %.0f bytes per record%n",
                    size, json.length, (double) json.length / size);
        }
    }
}
