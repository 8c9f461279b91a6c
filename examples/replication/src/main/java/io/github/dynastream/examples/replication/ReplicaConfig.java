package io.github.dynastream.examples.replication;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * Where the replica is: its table, its region, and, for a replica in another account, the role to
 * assume there. Read from the function's environment:
 *
 * <pre>{@code
 * REPLICA_TABLE=ProductsReplica      # required
 * REPLICA_REGION=eu-west-1           # required: the replica's region (may be the function's own)
 * REPLICA_ROLE_ARN=arn:aws:iam::210987654321:role/products-replica-writer   # optional
 *
 * ReplicaConfig config = ReplicaConfig.fromEnvironment(System.getenv());
 * ReplicaStore replica = new DynamoDbReplicaStore(config.client(), config.tableName());
 * }</pre>
 *
 * <p>Without a role, the function's own credentials write to the replica (same account, or a replica
 * table whose resource-based policy lets the function's role write). With one, the client assumes it
 * through STS in the function's own region and refreshes the credentials before they expire. Immutable.
 */
public final class ReplicaConfig {
    /** The replica table's name. */
    public static final String TABLE_ENV = "REPLICA_TABLE";
    /** The replica's region, e.g. {@code eu-west-1}. */
    public static final String REGION_ENV = "REPLICA_REGION";
    /** The ARN of a role to assume for writing to the replica; unset or empty for none. */
    public static final String ROLE_ENV = "REPLICA_ROLE_ARN";

    private final String tableName;
    private final Region region;
    private final String roleArn;

    /**
     * @param tableName the replica table
     * @param region the replica's region
     * @param roleArn a role to assume, or null to use the function's own credentials
     */
    public ReplicaConfig(String tableName, Region region, String roleArn) {
        this.tableName = Objects.requireNonNull(tableName, "tableName");
        this.region = Objects.requireNonNull(region, "region");
        this.roleArn = roleArn == null || roleArn.isBlank() ? null : roleArn;
    }

    /**
     * Reads {@value #TABLE_ENV}, {@value #REGION_ENV} and {@value #ROLE_ENV}.
     *
     * @param environment the variables, e.g. {@code System.getenv()}
     * @throws IllegalStateException if a required variable is missing or empty, naming it
     */
    public static ReplicaConfig fromEnvironment(Map<String, String> environment) {
        Objects.requireNonNull(environment, "environment");
        return new ReplicaConfig(
                required(environment, TABLE_ENV),
                Region.of(required(environment, REGION_ENV)),
                environment.get(ROLE_ENV));
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value.trim();
    }

    /** The replica table. */
    public String tableName() {
        return tableName;
    }

    /** The replica's region. */
    public Region region() {
        return region;
    }

    /** The role assumed for writing, if any. */
    public Optional<String> roleArn() {
        return Optional.ofNullable(roleArn);
    }

    /**
     * A client for the replica's region, with the assumed role's credentials when there is a role.
     * Builds the client only; nothing is called until the first write.
     */
    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .region(region)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials())
                .build();
    }

    private AwsCredentialsProvider credentials() {
        if (roleArn == null) {
            return DefaultCredentialsProvider.builder().build();
        }
        // STS in the function's own region (AWS_REGION, which Lambda sets), not the replica's.
        StsClient sts =
                StsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        return StsAssumeRoleCredentialsProvider.builder()
                .stsClient(sts)
                .refreshRequest(request -> request.roleArn(roleArn).roleSessionName("dynastream-replication"))
                .build();
    }

    @Override
    public String toString() {
        return "ReplicaConfig[table=" + tableName + ", region=" + region + (roleArn != null ? ", role=" + roleArn : "")
                + "]";
    }
}
