/**
 * dynastream-enhanced-mapping: dynastream with the AWS SDK v2. The entry point for mapping is {@link
 * io.github.dynastream.enhanced.TableSchemaMapper#builder()}.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.github.dynastream.enhanced {
    requires transitive io.github.dynastream.core;
    requires software.amazon.awssdk.core;
    requires transitive software.amazon.awssdk.enhanced.dynamodb;
    requires transitive software.amazon.awssdk.services.dynamodb;

    exports io.github.dynastream.enhanced;
}
