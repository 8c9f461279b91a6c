package io.github.dynastream.testkit;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A Lambda {@link Context} for tests: a request id and a deadline, counted down on a clock.
 *
 * <pre>{@code
 * processor.process(event, TestContext.withRemainingTime(Duration.ofSeconds(30)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TestContext implements Context {
    private final String requestId;
    private final Instant deadline;
    private final Clock clock;

    private TestContext(String requestId, Instant deadline, Clock clock) {
        this.requestId = requestId;
        this.deadline = deadline;
        this.clock = clock;
    }

    /** A context with a random request id whose invocation times out after {@code remaining}. */
    public static TestContext withRemainingTime(Duration remaining) {
        return of(UUID.randomUUID().toString(), remaining, Clock.systemUTC());
    }

    /** A context with the given request id, time left and clock. */
    public static TestContext of(String requestId, Duration remaining, Clock clock) {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(clock, "clock");
        return new TestContext(requestId, clock.instant().plus(remaining), clock);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.print(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.write(message, 0, message.length);
            }
        };
    }
}
