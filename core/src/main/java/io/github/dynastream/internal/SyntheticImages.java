package io.github.dynastream.internal;

import io.github.dynastream.AttributeValue;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Makes an image for an item type out of nothing but the type, for priming: one attribute per record
 * component or instance field, named as the field, with a value of the DynamoDB type the field's Java
 * type is usually stored as. Nested records and beans become maps, a few levels deep. It only has to
 * lead the mapper down the paths real images take; a value the mapper rejects (a naming strategy,
 * a validating constructor) is reported by the priming, not hidden. Stateless.
 */
final class SyntheticImages {
    private static final int MAX_DEPTH = 4;
    private static final String TEXT = "dynastream-priming";

    private SyntheticImages() {}

    /** An image for the type; empty for a type whose properties cannot be seen (an interface, say). */
    static Map<String, AttributeValue> of(Type type) {
        return item(rawClass(type), 0, new HashSet<>());
    }

    private static Map<String, AttributeValue> item(Class<?> type, int depth, Set<Class<?>> path) {
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        if (type == null || type.isInterface() || Modifier.isAbstract(type.getModifiers()) || !path.add(type)) {
            return image;
        }
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                put(image, component.getName(), value(component.getGenericType(), depth, path));
            }
        } else {
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field field : c.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!Modifier.isStatic(modifiers) && !Modifier.isTransient(modifiers) && !field.isSynthetic()) {
                        put(image, field.getName(), value(field.getGenericType(), depth, path));
                    }
                }
            }
        }
        path.remove(type);
        return image;
    }

    private static void put(Map<String, AttributeValue> image, String name, AttributeValue value) {
        if (value != null) {
            image.putIfAbsent(name, value);
        }
    }

    /** A value for a property of this type, or null to leave the property out. */
    private static AttributeValue value(Type type, int depth, Set<Class<?>> path) {
        Class<?> raw = rawClass(type);
        if (raw == null) {
            return null;
        }
        if (raw == String.class || raw == CharSequence.class) {
            return AttributeValue.s(TEXT);
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new AttributeValue.Bool(true);
        }
        if (raw == char.class || raw == Character.class) {
            return AttributeValue.s("d");
        }
        if (raw == byte.class
                || raw == short.class
                || raw == int.class
                || raw == long.class
                || raw == Byte.class
                || raw == Short.class
                || raw == Integer.class
                || raw == Long.class
                || raw == BigInteger.class) {
            return AttributeValue.n("1");
        }
        if (raw == float.class
                || raw == double.class
                || raw == Float.class
                || raw == Double.class
                || raw == BigDecimal.class
                || raw == Number.class) {
            return AttributeValue.n("1.5");
        }
        if (raw == Instant.class) {
            return AttributeValue.n("1767225600");
        }
        AttributeValue time = timeText(raw);
        if (time != null) {
            return time;
        }
        if (raw.isEnum()) {
            Object[] constants = raw.getEnumConstants();
            return constants.length == 0 ? null : AttributeValue.s(((Enum<?>) constants[0]).name());
        }
        if (raw == byte[].class || raw == ByteBuffer.class) {
            return new AttributeValue.B(new byte[] {1});
        }
        if (raw == Optional.class) {
            return value(typeArgument(type, 0), depth, path);
        }
        if (raw.isArray()) {
            Type component =
                    type instanceof GenericArrayType array ? array.getGenericComponentType() : raw.getComponentType();
            return list(component, depth, path);
        }
        if (Set.class.isAssignableFrom(raw)) {
            Class<?> member = rawClass(typeArgument(type, 0));
            if (member == String.class) {
                return new AttributeValue.SS(List.of(TEXT));
            }
            if (member != null && Number.class.isAssignableFrom(member)) {
                return new AttributeValue.NS(List.of(BigDecimal.ONE));
            }
            if (member == byte[].class) {
                return new AttributeValue.BS(List.of(new byte[] {1}));
            }
            return list(typeArgument(type, 0), depth, path);
        }
        if (Collection.class.isAssignableFrom(raw)) {
            return list(typeArgument(type, 0), depth, path);
        }
        if (Map.class.isAssignableFrom(raw)) {
            AttributeValue member = value(typeArgument(type, 1), depth + 1, path);
            return new AttributeValue.M(member == null ? Map.of() : Map.of(TEXT, member));
        }
        if (raw.isPrimitive() || raw.getName().startsWith("java.") || depth >= MAX_DEPTH) {
            return null;
        }
        Map<String, AttributeValue> nested = item(raw, depth + 1, path);
        return nested.isEmpty() ? null : new AttributeValue.M(nested);
    }

    private static AttributeValue timeText(Class<?> raw) {
        String text = null;
        if (raw == LocalDate.class) {
            text = "2026-01-01";
        } else if (raw == LocalDateTime.class) {
            text = "2026-01-01T00:00:00";
        } else if (raw == LocalTime.class) {
            text = "00:00:00";
        } else if (raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
            text = "2026-01-01T00:00:00Z";
        } else if (raw == Duration.class) {
            text = "PT1S";
        } else if (raw == UUID.class) {
            text = new UUID(0, 1).toString();
        }
        return text == null ? null : AttributeValue.s(text);
    }

    private static AttributeValue list(Type member, int depth, Set<Class<?>> path) {
        AttributeValue value = value(member, depth + 1, path);
        return new AttributeValue.L(value == null ? List.of() : List.of(value));
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
            return c;
        }
        if (type instanceof GenericArrayType array) {
            Class<?> component = rawClass(array.getGenericComponentType());
            return component == null ? null : component.arrayType();
        }
        return null;
    }
}
