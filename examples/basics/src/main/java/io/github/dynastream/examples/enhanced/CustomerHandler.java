package io.github.dynastream.examples.enhanced;

import io.github.dynastream.DynamoDbStreamHandler;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;

/** The Lambda entry point: images are mapped through the Enhanced Client's TableSchema. */
public class CustomerHandler extends DynamoDbStreamHandler {
    public CustomerHandler() {
        super(StreamProcessor.builder()
                .itemMapper(TableSchemaMapper.create()) // TableSchema.fromClass for @DynamoDbBean types, once
                .handler(new CustomerEvents(System.out::println))
                .build());
    }
}
