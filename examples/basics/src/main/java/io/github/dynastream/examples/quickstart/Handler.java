package io.github.dynastream.examples.quickstart;

import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.StreamProcessor;

/** The function's handler class: the raw event in, the partial batch response out. */
public class Handler extends DynamoDbStreamHandler {
    public Handler() {
        super(StreamProcessor.builder()
                .handler(new OrderEvents(System.out::println))
                .build());
    }
}
