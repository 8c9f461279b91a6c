/**
 * dynastream with the AWS SDK v2: {@link io.github.dynastream.enhanced.TableSchemaMapper} maps images
 * through the DynamoDB Enhanced Client's {@code TableSchema}, {@link
 * io.github.dynastream.enhanced.SdkAttributeValues} converts to and from SDK attribute values, and
 * {@link io.github.dynastream.enhanced.StreamsApiRecords} adapts records read through the DynamoDB
 * Streams API. The entry point for mapping is {@link
 * io.github.dynastream.enhanced.TableSchemaMapper#builder()}.
 */
package io.github.dynastream.enhanced;
