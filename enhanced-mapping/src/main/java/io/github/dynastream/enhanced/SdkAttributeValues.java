package io.github.dynastream.enhanced;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.internal.DynamoNumbers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Converts between dynastream's {@link AttributeValue} and the AWS SDK v2's {@code
 * software.amazon.awssdk.services.dynamodb.model.AttributeValue}, value for value: no JSON in between,
 * {@code NULL} kept, empty lists and maps kept, numbers exact.
 *
 * <pre>{@code
 * Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item =
 *         SdkAttributeValues.toSdk(record.newImage().orElseThrow());
 * dynamoDbClient.putItem(r -> r.tableName("Archive").item(item));
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class SdkAttributeValues {
    private SdkAttributeValues() {}

    /** An image as an SDK attribute map, in the same attribute order. */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> image) {
        Objects.requireNonNull(image, "image");
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> out =
                new LinkedHashMap<>(image.size() * 2);
        image.forEach((name, value) -> out.put(name, toSdk(value)));
        return Collections.unmodifiableMap(out);
    }

    /** One value as an SDK attribute value. */
    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof AttributeValue.S s) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(s.value());
        }
        if (value instanceof AttributeValue.N n) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(
                    n.value().toString());
        }
        if (value instanceof AttributeValue.B b) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB(
                    SdkBytes.fromByteArrayUnsafe(b.value()));
        }
        if (value instanceof AttributeValue.Bool bool) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool(bool.value());
        }
        if (value instanceof AttributeValue.Null) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul(true);
        }
        if (value instanceof AttributeValue.M m) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(toSdk(m.value()));
        }
        if (value instanceof AttributeValue.L l) {
            List<software.amazon.awssdk.services.dynamodb.model.AttributeValue> list =
                    new ArrayList<>(l.value().size());
            for (AttributeValue element : l.value()) {
                list.add(toSdk(element));
            }
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL(list);
        }
        if (value instanceof AttributeValue.SS ss) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs(ss.value());
        }
        if (value instanceof AttributeValue.NS ns) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs(
                    ns.value().stream().map(BigDecimal::toString).toList());
        }
        if (value instanceof AttributeValue.BS bs) {
            return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs(
                    bs.value().stream().map(SdkBytes::fromByteArrayUnsafe).toList());
        }
        throw new IllegalArgumentException(
                "unknown attribute value type " + value.getClass().getName());
    }

    /**
     * An SDK attribute map as an image.
     *
     * @throws IllegalArgumentException if a value has no type the SDK knows, naming the attribute
     */
    public static Map<String, AttributeValue> fromSdk(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Objects.requireNonNull(item, "item");
        return fromSdk(item, "");
    }

    /**
     * One SDK attribute value as a dynastream value.
     *
     * @throws IllegalArgumentException if the value has no type the SDK knows
     */
    public static AttributeValue fromSdk(software.amazon.awssdk.services.dynamodb.model.AttributeValue value) {
        return fromSdk(value, "(value)");
    }

    private static Map<String, AttributeValue> fromSdk(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item, String path) {
        Map<String, AttributeValue> out = new LinkedHashMap<>(item.size() * 2);
        item.forEach((name, value) -> out.put(name, fromSdk(value, path.isEmpty() ? name : path + "." + name)));
        return Collections.unmodifiableMap(out);
    }

    private static AttributeValue fromSdk(
            software.amazon.awssdk.services.dynamodb.model.AttributeValue value, String path) {
        if (value == null) {
            throw new IllegalArgumentException("attribute " + path + " is null");
        }
        return switch (value.type()) {
            case S -> new AttributeValue.S(value.s());
            case N -> new AttributeValue.N(number(value.n(), path));
            case B -> new AttributeValue.B(value.b().asByteArrayUnsafe());
            case BOOL -> new AttributeValue.Bool(value.bool());
            case NUL -> AttributeValue.Null.INSTANCE;
            case M -> new AttributeValue.M(fromSdk(value.m(), path));
            case L -> {
                List<AttributeValue> list = new ArrayList<>(value.l().size());
                for (software.amazon.awssdk.services.dynamodb.model.AttributeValue element : value.l()) {
                    list.add(fromSdk(element, path + "[" + list.size() + "]"));
                }
                yield new AttributeValue.L(list);
            }
            case SS -> new AttributeValue.SS(value.ss());
            case NS -> {
                List<BigDecimal> members = new ArrayList<>(value.ns().size());
                for (String member : value.ns()) {
                    members.add(number(member, path + "[" + members.size() + "]"));
                }
                yield new AttributeValue.NS(members);
            }
            case BS ->
                new AttributeValue.BS(
                        value.bs().stream().map(SdkBytes::asByteArrayUnsafe).toList());
            case UNKNOWN_TO_SDK_VERSION ->
                throw new IllegalArgumentException(
                        "attribute " + path + " has no value of a type this SDK version knows");
        };
    }

    private static BigDecimal number(String text, String path) {
        String problem = DynamoNumbers.problem(text);
        if (problem != null) {
            throw new IllegalArgumentException("attribute " + path + ": N " + problem);
        }
        return new BigDecimal(text);
    }
}
