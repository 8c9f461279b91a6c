package io.github.dynastream.kcl;

import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;

/**
 * KCL's configuration requires a CloudWatch client even with metrics off. This one has no endpoint
 * and no HTTP client, so nothing can send with it: every operation throws {@link
 * UnsupportedOperationException} (the interface's defaults), and KCL never calls one with {@code
 * MetricsLevel.NONE} and the null metrics factory.
 */
final class NoCloudWatch implements CloudWatchAsyncClient {
    static final NoCloudWatch INSTANCE = new NoCloudWatch();

    private NoCloudWatch() {}

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
