package io.github.dynastream.examples.orders;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.dynastream.StreamProcessor;
import java.io.InputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lambda entry point that reads the raw event JSON ({@code RequestStreamHandler}): faster than
 * {@link OrderHandler}, and it keeps creation times to the nanosecond.
 */
public class OrderStreamHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(OrderStreamHandler.class);
    private static final StreamProcessor PROCESSOR = StreamProcessor.builder()
            .handler(new OrderEvents((to, message) -> LOG.info("to {}: {}", to, message)))
            .build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        PROCESSOR.process(input, output, context);
    }
}
