package io.github.dynastream.examples.enhanced;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.dynastream.StreamProcessor;
import io.github.dynastream.enhanced.TableSchemaMapper;
import java.io.InputStream;
import java.io.OutputStream;

/** The Lambda entry point: images are mapped through the Enhanced Client's TableSchema. */
public class CustomerHandler implements RequestStreamHandler {
    private static final StreamProcessor PROCESSOR = StreamProcessor.builder()
            .itemMapper(TableSchemaMapper.create()) // TableSchema.fromClass for @DynamoDbBean types, once
            .handler(new CustomerEvents(System.out::println))
            .build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        PROCESSOR.process(input, output, context);
    }
}
