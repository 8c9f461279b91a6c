package io.github.dynastream.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dynastream.AttributeValue;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Readers for plain item types that go from DynamoDB JSON (or attribute values) straight to the
 * item, without jackson-databind, and give what Jackson with {@link
 * JacksonItemMapper#defaultObjectMapper()} gives.
 *
 * <p>A type is plain when it is a record or a bean (a no-argument constructor and setters or public
 * fields) without Jackson or {@code java.beans} annotations, whose properties are themselves plain:
 * {@code String}, {@code boolean}, {@code int}, {@code long}, {@code double}, {@code float} (and their
 * boxes), {@code BigDecimal}, {@code BigInteger}, {@code byte[]}, enums, {@code List}, {@code Set} and
 * {@code Collection} of plain types, {@code Map<String, plain>} and nested plain records and beans.
 * Anything else makes the type not plain, and Jackson reads it.
 *
 * <p>Each plain property reads only its natural DynamoDB types ({@code S} into a string, {@code N}
 * into a number that fits, {@code BOOL} into a boolean, {@code M} into a bean or map, {@code L} and
 * sets into collections, {@code NULL} into a reference). Any other value throws {@link #NOT_PLAIN},
 * and the caller hands the whole image to Jackson, which then coerces it or explains what is wrong
 * exactly as it always does.
 */
final class PlainTypes {
    /** Thrown for a value outside the plain cases; carries no stack trace and no message. */
    static final NotPlain NOT_PLAIN = new NotPlain();

    private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
    private static final MethodType SETTER = MethodType.methodType(void.class, Object.class, Object.class);

    private final Map<Class<?>, ObjectDecoder> objects = new HashMap<>();

    private PlainTypes() {}

    /**
     * The decoder for an item type, or null if the type is not plain (or not an object, which
     * Jackson then reports on).
     */
    static ObjectDecoder plan(Type itemType) {
        Decoder decoder = new PlainTypes().decoder(itemType);
        return decoder instanceof ObjectDecoder object ? object : null;
    }

    private Decoder decoder(Type type) {
        if (type instanceof Class<?> c) {
            return classDecoder(c);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class || raw == Collection.class || raw == Set.class) {
                Decoder element = decoder(args[0]);
                return element == null ? null : new CollectionDecoder(raw == Set.class, element);
            }
            if (raw == Map.class && args[0] == String.class) {
                Decoder value = decoder(args[1]);
                return value == null ? null : new MapDecoder(value);
            }
        }
        return null;
    }

    private Decoder classDecoder(Class<?> c) {
        if (c == String.class) {
            return new StringDecoder();
        }
        if (c == boolean.class || c == Boolean.class) {
            return new BooleanDecoder(c.isPrimitive());
        }
        if (c == int.class || c == Integer.class) {
            return new NumberDecoder(NumberKind.INT, c.isPrimitive());
        }
        if (c == long.class || c == Long.class) {
            return new NumberDecoder(NumberKind.LONG, c.isPrimitive());
        }
        if (c == double.class || c == Double.class) {
            return new NumberDecoder(NumberKind.DOUBLE, c.isPrimitive());
        }
        if (c == float.class || c == Float.class) {
            return new NumberDecoder(NumberKind.FLOAT, c.isPrimitive());
        }
        if (c == BigDecimal.class) {
            return new NumberDecoder(NumberKind.DECIMAL, false);
        }
        if (c == BigInteger.class) {
            return new NumberDecoder(NumberKind.INTEGER, false);
        }
        if (c == byte[].class) {
            return new BinaryDecoder();
        }
        if (c.isEnum()) {
            return enumDecoder(c);
        }
        if (c.isPrimitive()
                || c.isArray()
                || c.isInterface()
                || Modifier.isAbstract(c.getModifiers())
                || c.getTypeParameters().length > 0
                || c.getName().startsWith("java.")
                || c.getName().startsWith("javax.")
                || (c.isMemberClass() && !Modifier.isStatic(c.getModifiers()))
                || c.isLocalClass()
                || c.isAnonymousClass()) {
            return null;
        }
        ObjectDecoder known = objects.get(c);
        if (known != null) {
            return known;
        }
        return c.isRecord() ? recordDecoder(c) : beanDecoder(c);
    }

    private static Decoder enumDecoder(Class<?> type) {
        if (annotated(type) || anyAnnotated(type.getDeclaredMethods()) || anyAnnotated(type.getDeclaredFields())) {
            return null;
        }
        Map<String, Object> constants = new HashMap<>();
        for (Object constant : type.getEnumConstants()) {
            constants.put(((Enum<?>) constant).name(), constant);
        }
        return new EnumDecoder(constants);
    }

    private ObjectDecoder recordDecoder(Class<?> type) {
        if (annotatedAnywhere(type)) {
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            if (annotated(components[i])) {
                return null;
            }
            parameterTypes[i] = components[i].getType();
        }
        Constructor<?> canonical;
        try {
            canonical = type.getDeclaredConstructor(parameterTypes);
            canonical.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        for (var parameter : canonical.getParameters()) {
            if (annotated(parameter)) {
                return null;
            }
        }
        RecordDecoder decoder;
        try {
            decoder = new RecordDecoder(canonical, components.length);
        } catch (IllegalAccessException e) {
            return null;
        }
        objects.put(type, decoder);
        for (int i = 0; i < components.length; i++) {
            Decoder component = decoder(components[i].getGenericType());
            if (component == null) {
                objects.remove(type);
                return null;
            }
            decoder.add(components[i].getName(), i, component);
        }
        return decoder;
    }

    /**
     * A bean as Jackson's default visibility sees it: setters of any visibility, public non-final
     * fields, a no-argument constructor. Properties Jackson would fill some other way (a private field
     * behind a getter, a collection through its getter, an overloaded setter) make the bean not plain.
     */
    private ObjectDecoder beanDecoder(Class<?> type) {
        if (annotatedAnywhere(type)) {
            return null;
        }
        Constructor<?> constructor;
        try {
            constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
        Map<String, Method> setters = new HashMap<>();
        Map<String, Field> publicFields = new HashMap<>();
        Set<String> fieldNames = new HashSet<>();
        Map<String, Class<?>> getters = new HashMap<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                if (Modifier.isStatic(method.getModifiers()) || method.isSynthetic() || method.isBridge()) {
                    continue;
                }
                String name = method.getName();
                if (method.getParameterCount() == 1 && name.length() > 3 && name.startsWith("set")) {
                    if (method.getReturnType() != void.class) {
                        return null;
                    }
                    Method existing = setters.putIfAbsent(propertyName(name, 3), method);
                    if (existing != null && !overrides(existing, method)) {
                        return null;
                    }
                } else if (method.getParameterCount() == 0 && Modifier.isPublic(method.getModifiers())) {
                    if (name.length() > 3 && name.startsWith("get") && method.getReturnType() != void.class) {
                        getters.putIfAbsent(propertyName(name, 3), method.getReturnType());
                    } else if (name.length() > 2 && name.startsWith("is") && method.getReturnType() == boolean.class) {
                        getters.putIfAbsent(propertyName(name, 2), boolean.class);
                    }
                }
            }
            for (Field field : c.getDeclaredFields()) {
                int modifiers = field.getModifiers();
                if (Modifier.isStatic(modifiers) || field.isSynthetic()) {
                    continue;
                }
                fieldNames.add(field.getName());
                if (Modifier.isPublic(modifiers) && !Modifier.isTransient(modifiers)) {
                    if (Modifier.isFinal(modifiers)) {
                        return null;
                    }
                    if (publicFields.putIfAbsent(field.getName(), field) != null) {
                        return null; // a public field hidden by another: leave the choice to Jackson
                    }
                }
            }
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Class<?> implemented : c.getInterfaces()) {
                if (implemented.getName().startsWith("java.")) {
                    continue;
                }
                for (Method method : implemented.getMethods()) {
                    if (method.getName().startsWith("set") || annotated(method)) {
                        return null;
                    }
                }
            }
        }
        for (Map.Entry<String, Class<?>> getter : getters.entrySet()) {
            String name = getter.getKey();
            if (!setters.containsKey(name)
                    && !publicFields.containsKey(name)
                    && (fieldNames.contains(name)
                            || Collection.class.isAssignableFrom(getter.getValue())
                            || Map.class.isAssignableFrom(getter.getValue()))) {
                return null;
            }
        }
        BeanDecoder decoder;
        try {
            decoder = new BeanDecoder(constructor);
        } catch (IllegalAccessException e) {
            return null;
        }
        objects.put(type, decoder);
        try {
            for (Map.Entry<String, Method> setter : setters.entrySet()) {
                Method method = setter.getValue();
                method.setAccessible(true);
                Decoder property = decoder(method.getGenericParameterTypes()[0]);
                if (property == null) {
                    objects.remove(type);
                    return null;
                }
                decoder.add(setter.getKey(), new Property(LOOKUP.unreflect(method), property));
            }
            for (Map.Entry<String, Field> field : publicFields.entrySet()) {
                if (setters.containsKey(field.getKey())) {
                    continue;
                }
                Field f = field.getValue();
                f.setAccessible(true);
                Decoder property = decoder(f.getGenericType());
                if (property == null) {
                    objects.remove(type);
                    return null;
                }
                decoder.add(field.getKey(), new Property(LOOKUP.unreflectSetter(f), property));
            }
        } catch (IllegalAccessException | RuntimeException inaccessible) {
            objects.remove(type);
            return null;
        }
        return decoder;
    }

    /** True if {@code later} was found lower in the hierarchy and overrides {@code first}. */
    private static boolean overrides(Method first, Method later) {
        return first.getName().equals(later.getName())
                && first.getParameterTypes()[0] == later.getParameterTypes()[0]
                && first.getDeclaringClass() != later.getDeclaringClass();
    }

    /**
     * Jackson's default (legacy) bean naming: the leading upper-case run after the prefix goes to
     * lower case, so {@code setURL} is {@code url} and {@code setFooBar} is {@code fooBar}.
     */
    static String propertyName(String method, int prefix) {
        char first = method.charAt(prefix);
        if (Character.toLowerCase(first) == first) {
            return method.substring(prefix);
        }
        StringBuilder name = new StringBuilder(method.length() - prefix);
        int i = prefix;
        for (; i < method.length(); i++) {
            char c = method.charAt(i);
            char lower = Character.toLowerCase(c);
            if (c == lower) {
                break;
            }
            name.append(lower);
        }
        return name.append(method, i, method.length()).toString();
    }

    private static boolean annotatedAnywhere(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            if (annotated(c)
                    || anyAnnotated(c.getDeclaredFields())
                    || anyAnnotated(c.getDeclaredMethods())
                    || anyAnnotated(c.getDeclaredConstructors())) {
                return true;
            }
            for (Constructor<?> constructor : c.getDeclaredConstructors()) {
                for (var parameter : constructor.getParameters()) {
                    if (annotated(parameter)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean anyAnnotated(AnnotatedElement[] elements) {
        for (AnnotatedElement element : elements) {
            if (annotated(element)) {
                return true;
            }
        }
        return false;
    }

    /** Jackson and {@code java.beans} annotations change how Jackson reads a type. */
    private static boolean annotated(AnnotatedElement element) {
        for (Annotation annotation : element.getDeclaredAnnotations()) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("com.fasterxml.jackson.") || name.startsWith("java.beans.")) {
                return true;
            }
        }
        return false;
    }

    /** Reads one Java type from attribute values. */
    abstract static class Decoder {
        private final boolean nullable;

        Decoder(boolean nullable) {
            this.nullable = nullable;
        }

        /** The value from its type descriptor and its JSON value, which the parser is on. */
        abstract Object json(String descriptor, JsonParser p) throws IOException;

        /** The value from a decoded attribute value other than NULL. */
        abstract Object value(AttributeValue value);

        /** One attribute value, {@code {"S": "x"}}: the parser is on its start and ends on its end. */
        final Object attribute(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) {
                throw NOT_PLAIN;
            }
            String descriptor = p.currentName();
            JsonToken token = p.nextToken();
            Object result;
            if (descriptor.length() == 4 && descriptor.charAt(0) == 'N' && descriptor.equals("NULL")) {
                if (token != JsonToken.VALUE_TRUE || !nullable) {
                    throw NOT_PLAIN;
                }
                result = null;
            } else {
                result = json(descriptor, p);
            }
            if (p.nextToken() != JsonToken.END_OBJECT) {
                throw NOT_PLAIN;
            }
            return result;
        }

        /** One decoded attribute value. */
        final Object attribute(AttributeValue value) {
            if (value instanceof AttributeValue.Null) {
                if (!nullable) {
                    throw NOT_PLAIN;
                }
                return null;
            }
            return value(value);
        }
    }

    private static final class StringDecoder extends Decoder {
        StringDecoder() {
            super(true);
        }

        @Override
        Object json(String descriptor, JsonParser p) throws IOException {
            if (!descriptor.equals("S") || p.currentToken() != JsonToken.VALUE_STRING) {
                throw NOT_PLAIN;
            }
            return p.getText();
        }

        @Override
        Object value(AttributeValue value) {
            if (value instanceof AttributeValue.S s) {
                return s.value();
            }
            throw NOT_PLAIN;
        }
    }

    private static final class BooleanDecoder extends Decoder {
        BooleanDecoder(boolean primitive) {
            super(!primitive);
        }

        @Override
        Object json(String descriptor, JsonParser p) {
            JsonToken token = p.currentToken();
            if (!descriptor.equals("BOOL") || (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE)) {
                throw NOT_PLAIN;
            }
            return token == JsonToken.VALUE_TRUE;
        }

        @Override
        Object value(AttributeValue value) {
            if (value instanceof AttributeValue.Bool b) {
                return b.value();
            }
            throw NOT_PLAIN;
        }
    }

    private enum NumberKind {
        INT,
        LONG,
        DOUBLE,
        FLOAT,
        DECIMAL,
        INTEGER
    }

    /** Numbers as Jackson converts {@link PlainNumbers}' tokens; what Jackson would reject is not plain. */
    private static final class NumberDecoder extends Decoder {
        private final NumberKind kind;

        NumberDecoder(NumberKind kind, boolean primitive) {
            super(!primitive);
            this.kind = kind;
        }

        @Override
        Object json(String descriptor, JsonParser p) throws IOException {
            JsonToken token = p.currentToken();
            if (!descriptor.equals("N")
                    || (token != JsonToken.VALUE_STRING
                            && token != JsonToken.VALUE_NUMBER_INT
                            && token != JsonToken.VALUE_NUMBER_FLOAT)) {
                throw NOT_PLAIN;
            }
            return member(p);
        }

        @Override
        Object value(AttributeValue value) {
            if (value instanceof AttributeValue.N n) {
                return convert(PlainNumbers.of(n.value()));
            }
            throw NOT_PLAIN;
        }

        /** A number from the parser's current text. */
        Object member(JsonParser p) throws IOException {
            Number number = PlainNumbers.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
            if (number == null) {
                throw NOT_PLAIN;
            }
            return convert(number);
        }

        /** The target value of a Long or exact BigDecimal; what Jackson would reject or coerce is not plain. */
        private Object convert(Number number) {
            try {
                return switch (kind) {
                    case INT ->
                        number instanceof Long l
                                ? Math.toIntExact(l)
                                : exactIntegral((BigDecimal) number).intValueExact();
                    case LONG ->
                        number instanceof Long
                                ? number
                                : exactIntegral((BigDecimal) number).longValueExact();
                    case DOUBLE -> number.doubleValue();
                    case FLOAT -> finiteFloat(number);
                    case DECIMAL -> number instanceof Long l ? BigDecimal.valueOf(l) : number;
                    case INTEGER ->
                        number instanceof Long l
                                ? BigInteger.valueOf(l)
                                : exactIntegral((BigDecimal) number).toBigIntegerExact();
                };
            } catch (ArithmeticException outOfRange) {
                throw NOT_PLAIN;
            }
        }

        private static BigDecimal exactIntegral(BigDecimal number) {
            if (!PlainNumbers.isIntegral(number)) {
                throw NOT_PLAIN;
            }
            return number;
        }

        /** A float that stands for the number: neither overflowed to infinity nor a non-zero gone to zero. */
        private static float finiteFloat(Number number) {
            float value = number.floatValue();
            boolean nonZero = number instanceof Long l ? l != 0 : ((BigDecimal) number).signum() != 0;
            if (Float.isInfinite(value) || (value == 0 && nonZero)) {
                throw NOT_PLAIN;
            }
            return value;
        }
    }

    private static final class BinaryDecoder extends Decoder {
        BinaryDecoder() {
            super(true);
        }

        @Override
        Object json(String descriptor, JsonParser p) throws IOException {
            if (!descriptor.equals("B") || p.currentToken() != JsonToken.VALUE_STRING) {
                throw NOT_PLAIN;
            }
            return member(p.getText());
        }

        static byte[] member(String base64) {
            try {
                return Base64.getDecoder().decode(base64);
            } catch (IllegalArgumentException e) {
                throw NOT_PLAIN;
            }
        }

        @Override
        Object value(AttributeValue value) {
            if (value instanceof AttributeValue.B b) {
                return b.value().clone();
            }
            throw NOT_PLAIN;
        }
    }

    private static final class EnumDecoder extends Decoder {
        private final Map<String, Object> constants;

        EnumDecoder(Map<String, Object> constants) {
            super(true);
            this.constants = constants;
        }

        @Override
        Object json(String descriptor, JsonParser p) throws IOException {
            if (!descriptor.equals("S") || p.currentToken() != JsonToken.VALUE_STRING) {
                throw NOT_PLAIN;
            }
            return constant(p.getText());
        }

        @Override
        Object value(AttributeValue value) {
            if (value instanceof AttributeValue.S s) {
                return constant(s.value());
            }
            throw NOT_PLAIN;
        }

        Object constant(String name) {
            Object constant = constants.get(name);
            if (constant == null) {
                throw NOT_PLAIN;
            }
            return constant;
        }
    }

    /** {@code L} of any values, or a set of strings, numbers or binaries, into a list or a set. */
    private static final class CollectionDecoder extends Decoder {
        private final boolean set;
        private final Decoder element;

        CollectionDecoder(boolean set, Decoder element) {
            super(true);
            this.set = set;
            this.element = element;
        }

        @Override
        Object json(String descriptor, JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw NOT_PLAIN;
            }
            Collection<Object> result = set ? new HashSet<>() : new ArrayList<>();
            switch (descriptor) {
                case "L" -> {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        result.add(element.attribute(p));
                    }
                }
                case "SS", "NS", "BS" -> {
                    JsonToken token;
                    while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (token != JsonToken.VALUE_STRING
                                && (descriptor.charAt(0) != 'N'
                                        || (token != JsonToken.VALUE_NUMBER_INT
                                                && token != JsonToken.VALUE_NUMBER_FLOAT))) {
                            throw NOT_PLAIN;
                        }
                        result.add(member(descriptor.charAt(0), p));
                    }
                }
                default -> throw NOT_PLAIN;
            }
            return result;
        }

        private Object member(char kind, JsonParser p) throws IOException {
            if (kind == 'S' && element instanceof StringDecoder) {
                return p.getText();
            }
            if (kind == 'S' && element instanceof EnumDecoder e) {
                return e.constant(p.getText());
            }
            if (kind == 'N' && element instanceof NumberDecoder n) {
                return n.member(p);
            }
            if (kind == 'B' && element instanceof BinaryDecoder) {
                return BinaryDecoder.member(p.getText());
            }
            throw NOT_PLAIN;
        }

        @Override
        Object value(AttributeValue value) {
            Collection<Object> result = set ? new HashSet<>() : new ArrayList<>();
            if (value instanceof AttributeValue.L l) {
                for (AttributeValue member : l.value()) {
                    result.add(element.attribute(member));
                }
            } else if (value instanceof AttributeValue.SS ss && element instanceof StringDecoder) {
                result.addAll(ss.value());
            } else if (value instanceof AttributeValue.SS ss && element instanceof EnumDecoder e) {
                for (String member : ss.value()) {
                    result.add(e.constant(member));
                }
            } else if (value instanceof AttributeValue.NS ns && element instanceof NumberDecoder n) {
                for (BigDecimal member : ns.value()) {
                    result.add(n.value(new AttributeValue.N(member)));
                }
            } else if (value instanceof AttributeValue.BS bs && element instanceof BinaryDecoder) {
                for (byte[] member : bs.value()) {
                    result.add(member.clone());
                }
            } else {
                throw NOT_PLAIN;
            }
            return result;
        }
    }

    /** A decoder of {@code M} values, which can also read a whole image. */
    abstract static class ObjectDecoder extends Decoder {
        ObjectDecoder() {
            super(true);
        }

        /** The attributes of an object: the parser is on its start and ends on its end. */
        abstract Object fields(JsonParser p) throws IOException;

        /** The attributes of a decoded object. */
        abstract Object fields(Map<String, AttributeValue> attributes);

        @Override
        final Object json(String descriptor, JsonParser p) throws IOException {
            if (!descriptor.equals("M") || p.currentToken() != JsonToken.START_OBJECT) {
                throw NOT_PLAIN;
            }
            return fields(p);
        }

        @Override
        final Object value(AttributeValue value) {
            if (value instanceof AttributeValue.M m) {
                return fields(m.value());
            }
            throw NOT_PLAIN;
        }

        /**
         * Skips an attribute the type has no property for, checking that it is well-formed DynamoDB
         * JSON, as Jackson's path does before it ignores it.
         */
        static void skip(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME) {
                throw NOT_PLAIN;
            }
            String descriptor = p.currentName();
            JsonToken token = p.nextToken();
            switch (descriptor) {
                case "S", "B" -> require(token == JsonToken.VALUE_STRING);
                case "N" ->
                    require((token == JsonToken.VALUE_STRING
                                    || token == JsonToken.VALUE_NUMBER_INT
                                    || token == JsonToken.VALUE_NUMBER_FLOAT)
                            && isNumber(p));
                case "BOOL" -> require(token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE);
                case "NULL" -> require(token == JsonToken.VALUE_TRUE);
                case "M" -> {
                    require(token == JsonToken.START_OBJECT);
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        p.nextToken();
                        skip(p);
                    }
                }
                case "L" -> {
                    require(token == JsonToken.START_ARRAY);
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        skip(p);
                    }
                }
                case "SS", "NS", "BS" -> {
                    require(token == JsonToken.START_ARRAY);
                    JsonToken member;
                    while ((member = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (descriptor.charAt(0) == 'N') {
                            require((member == JsonToken.VALUE_STRING
                                            || member == JsonToken.VALUE_NUMBER_INT
                                            || member == JsonToken.VALUE_NUMBER_FLOAT)
                                    && isNumber(p));
                        } else {
                            require(member == JsonToken.VALUE_STRING);
                        }
                    }
                }
                default -> throw NOT_PLAIN;
            }
            if (descriptor.equals("B")) {
                BinaryDecoder.member(p.getText());
            }
            if (p.nextToken() != JsonToken.END_OBJECT) {
                throw NOT_PLAIN;
            }
        }

        private static boolean isNumber(JsonParser p) throws IOException {
            return PlainNumbers.parse(p.getTextCharacters(), p.getTextOffset(), p.getTextLength()) != null;
        }

        private static void require(boolean condition) {
            if (!condition) {
                throw NOT_PLAIN;
            }
        }
    }

    private static final class MapDecoder extends ObjectDecoder {
        private final Decoder value;

        MapDecoder(Decoder value) {
            this.value = value;
        }

        @Override
        Object fields(JsonParser p) throws IOException {
            Map<String, Object> result = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                result.put(name, value.attribute(p));
            }
            return result;
        }

        @Override
        Object fields(Map<String, AttributeValue> attributes) {
            Map<String, Object> result = new LinkedHashMap<>();
            for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
                result.put(attribute.getKey(), value.attribute(attribute.getValue()));
            }
            return result;
        }
    }

    private static final class RecordDecoder extends ObjectDecoder {
        private final MethodHandle canonical;
        private final Map<String, Integer> indexes = new HashMap<>();
        private final Decoder[] components;
        private final boolean[] primitive;

        RecordDecoder(Constructor<?> canonical, int size) throws IllegalAccessException {
            this.canonical = LOOKUP.unreflectConstructor(canonical)
                    .asSpreader(Object[].class, size)
                    .asType(MethodType.methodType(Object.class, Object[].class));
            this.components = new Decoder[size];
            this.primitive = new boolean[size];
            for (int i = 0; i < size; i++) {
                primitive[i] = canonical.getParameterTypes()[i].isPrimitive();
            }
        }

        void add(String name, int index, Decoder decoder) {
            indexes.put(name, index);
            components[index] = decoder;
        }

        /** A name seen twice is not plain: Jackson's creator handling decides which value counts. */
        @Override
        Object fields(JsonParser p) throws IOException {
            Object[] arguments = new Object[components.length];
            boolean[] seen = new boolean[components.length];
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Integer index = indexes.get(p.currentName());
                p.nextToken();
                if (index == null) {
                    skip(p);
                } else if (seen[index]) {
                    throw NOT_PLAIN;
                } else {
                    seen[index] = true;
                    arguments[index] = components[index].attribute(p);
                }
            }
            return create(arguments);
        }

        @Override
        Object fields(Map<String, AttributeValue> attributes) {
            Object[] arguments = new Object[components.length];
            for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
                Integer index = indexes.get(attribute.getKey());
                if (index != null) {
                    arguments[index] = components[index].attribute(attribute.getValue());
                }
            }
            return create(arguments);
        }

        /** A primitive component left absent is not plain: Jackson decides what it becomes. */
        private Object create(Object[] arguments) {
            for (int i = 0; i < arguments.length; i++) {
                if (arguments[i] == null && primitive[i]) {
                    throw NOT_PLAIN;
                }
            }
            try {
                return (Object) canonical.invokeExact(arguments);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw NOT_PLAIN;
            }
        }
    }

    /** A setter or a public field, as a {@code (bean, value) -> void} handle. */
    private static final class Property {
        final MethodHandle setter;
        final Decoder decoder;

        Property(MethodHandle setter, Decoder decoder) {
            this.setter = setter.asType(SETTER);
            this.decoder = decoder;
        }
    }

    private static final class BeanDecoder extends ObjectDecoder {
        private final MethodHandle constructor;
        private final Map<String, Property> properties = new HashMap<>();

        BeanDecoder(Constructor<?> constructor) throws IllegalAccessException {
            this.constructor = LOOKUP.unreflectConstructor(constructor).asType(MethodType.methodType(Object.class));
        }

        void add(String name, Property property) {
            properties.put(name, property);
        }

        @Override
        Object fields(JsonParser p) throws IOException {
            Object bean = create();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                Property property = properties.get(p.currentName());
                p.nextToken();
                if (property == null) {
                    skip(p);
                } else {
                    set(property, bean, property.decoder.attribute(p));
                }
            }
            return bean;
        }

        @Override
        Object fields(Map<String, AttributeValue> attributes) {
            Object bean = create();
            for (Map.Entry<String, AttributeValue> attribute : attributes.entrySet()) {
                Property property = properties.get(attribute.getKey());
                if (property != null) {
                    set(property, bean, property.decoder.attribute(attribute.getValue()));
                }
            }
            return bean;
        }

        private Object create() {
            try {
                return (Object) constructor.invokeExact();
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw NOT_PLAIN;
            }
        }

        private static void set(Property property, Object bean, Object value) {
            try {
                property.setter.invokeExact(bean, value);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                throw NOT_PLAIN;
            }
        }
    }

    /** A value outside the plain cases: the caller hands the image to Jackson. */
    static final class NotPlain extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPlain() {
            super(null, null, false, false);
        }
    }
}
