package io.github.dynastream.examples.quickstart;

import io.github.dynastream.window.DynamoDbTimeWindowHandler;
import io.github.dynastream.window.TumblingWindow;
import java.math.BigDecimal;

/** Orders and their amount per tumbling window, published once when each window closes. */
public class OrderTotalsHandler extends DynamoDbTimeWindowHandler {
    /** A window's state: what was ordered in it so far. */
    public record Totals(int orders, BigDecimal amount) {}

    public OrderTotalsHandler() {
        super(TumblingWindow.builder(Totals.class)
                .initialState(() -> new Totals(0, BigDecimal.ZERO))
                .onInsert(
                        Order.class,
                        (totals, order) ->
                                new Totals(totals.orders() + 1, totals.amount().add(order.total())))
                .onWindowEnd((totals, window) -> System.out.println(window.start() + ": " + totals))
                .build());
    }
}
