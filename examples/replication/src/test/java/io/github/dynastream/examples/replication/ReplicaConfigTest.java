package io.github.dynastream.examples.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

class ReplicaConfigTest {
    @Test
    void readsTheReplicaFromTheEnvironment() {
        ReplicaConfig config = ReplicaConfig.fromEnvironment(Map.of(
                "REPLICA_TABLE", "ProductsReplica",
                "REPLICA_REGION", "eu-west-1",
                "REPLICA_ROLE_ARN", "arn:aws:iam::210987654321:role/products-replica-writer"));

        assertThat(config.tableName()).isEqualTo("ProductsReplica");
        assertThat(config.region()).isEqualTo(Region.EU_WEST_1);
        assertThat(config.roleArn()).hasValue("arn:aws:iam::210987654321:role/products-replica-writer");
    }

    @Test
    void anEmptyRoleMeansTheFunctionsOwnCredentials() {
        // The template passes an empty string when no role is configured.
        ReplicaConfig config = ReplicaConfig.fromEnvironment(
                Map.of("REPLICA_TABLE", "ProductsReplica", "REPLICA_REGION", "us-east-1", "REPLICA_ROLE_ARN", ""));

        assertThat(config.roleArn()).isEmpty();
    }

    @Test
    void aMissingVariableIsNamed() {
        assertThatThrownBy(() -> ReplicaConfig.fromEnvironment(Map.of("REPLICA_TABLE", "ProductsReplica")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable REPLICA_REGION is not set");
        assertThatThrownBy(() -> ReplicaConfig.fromEnvironment(Map.of("REPLICA_REGION", "eu-west-1")))
                .hasMessage("environment variable REPLICA_TABLE is not set");
    }
}
