package io.github.dynastream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dynastream.enhanced.StreamsApiRecords;
import io.github.dynastream.testkit.StreamEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published jars' API does not expose their internals: no public or protected member of a
 * public type outside an {@code internal} package names an {@code internal} type in its signature
 * (supertypes, fields, parameters, results, exceptions, type arguments), so users never need to
 * touch {@code io.github.dynastream.internal} and it can change freely.
 */
class ApiBoundaryTest {
    /** One class of each published jar, to find the jar's classes. */
    private static final List<Class<?>> JARS =
            List.of(StreamProcessor.class, StreamsApiRecords.class, StreamEvents.class);

    private static List<Class<?>> apiTypes(Class<?> anchor) {
        Path location;
        try {
            location = Path.of(
                    anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> types = new ArrayList<>();
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
                Stream<Path> files = Files.walk(jar == null ? location : jar.getPath("/"))) {
            Path root = jar == null ? location : jar.getPath("/");
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = root.relativize(file).toString().replace('\\', '/');
                if (!name.endsWith(".class")
                        || name.endsWith("module-info.class")
                        || name.endsWith("package-info.class")) {
                    continue;
                }
                String className =
                        name.substring(0, name.length() - ".class".length()).replace('/', '.');
                if (className.contains(".internal.")) {
                    continue;
                }
                Class<?> type = Class.forName(className, false, anchor.getClassLoader());
                if (isApi(type)) {
                    types.add(type);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }

    /** Public, and reachable from outside: every enclosing class public too. */
    private static boolean isApi(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (!Modifier.isPublic(c.getModifiers()) || c.isAnonymousClass() || c.isLocalClass()) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static void internalTypesIn(Type type, Set<String> found, Set<Type> seen) {
        if (type == null || !seen.add(type)) {
            return;
        }
        if (type instanceof Class<?> c) {
            Class<?> element = c;
            while (element.isArray()) {
                element = element.getComponentType();
            }
            if (element.getName().contains(".internal.") && element.getName().startsWith("io.github.dynastream")) {
                found.add(element.getName());
            }
        } else if (type instanceof ParameterizedType p) {
            internalTypesIn(p.getRawType(), found, seen);
            for (Type argument : p.getActualTypeArguments()) {
                internalTypesIn(argument, found, seen);
            }
        } else if (type instanceof GenericArrayType a) {
            internalTypesIn(a.getGenericComponentType(), found, seen);
        } else if (type instanceof WildcardType w) {
            for (Type bound : w.getUpperBounds()) {
                internalTypesIn(bound, found, seen);
            }
            for (Type bound : w.getLowerBounds()) {
                internalTypesIn(bound, found, seen);
            }
        } else if (type instanceof TypeVariable<?> v) {
            for (Type bound : v.getBounds()) {
                internalTypesIn(bound, found, seen);
            }
        }
    }

    private static Set<String> internalTypesIn(Executable executable) {
        Set<String> found = new TreeSet<>();
        Set<Type> seen = new HashSet<>();
        for (Type parameter : executable.getGenericParameterTypes()) {
            internalTypesIn(parameter, found, seen);
        }
        for (Type thrown : executable.getGenericExceptionTypes()) {
            internalTypesIn(thrown, found, seen);
        }
        for (TypeVariable<?> variable : executable.getTypeParameters()) {
            internalTypesIn(variable, found, seen);
        }
        if (executable instanceof Method method) {
            internalTypesIn(method.getGenericReturnType(), found, seen);
        }
        return found;
    }

    static Map<String, Set<String>> exposures(Class<?> type) {
        Map<String, Set<String>> exposed = new java.util.TreeMap<>();
        Set<String> supertypes = new TreeSet<>();
        Set<Type> seen = new HashSet<>();
        internalTypesIn(type.getGenericSuperclass(), supertypes, seen);
        for (Type implemented : type.getGenericInterfaces()) {
            internalTypesIn(implemented, supertypes, seen);
        }
        if (!supertypes.isEmpty()) {
            exposed.put(type.getName() + " (supertypes)", supertypes);
        }
        for (Field field : type.getDeclaredFields()) {
            if (visible(field.getModifiers())) {
                Set<String> found = new TreeSet<>();
                internalTypesIn(field.getGenericType(), found, new HashSet<>());
                if (!found.isEmpty()) {
                    exposed.put(type.getName() + "." + field.getName(), found);
                }
            }
        }
        for (Method method : type.getDeclaredMethods()) {
            if (visible(method.getModifiers()) && !method.isSynthetic() && !method.isBridge()) {
                Set<String> found = internalTypesIn(method);
                if (!found.isEmpty()) {
                    exposed.put(type.getName() + "." + method.getName() + "(...)", found);
                }
            }
        }
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            if (visible(constructor.getModifiers()) && !constructor.isSynthetic()) {
                Set<String> found = internalTypesIn(constructor);
                if (!found.isEmpty()) {
                    exposed.put(type.getName() + ".<init>(...)", found);
                }
            }
        }
        return exposed;
    }

    @Test
    void noPublicSignatureOfAPublishedJarNamesAnInternalType() {
        Map<String, Set<String>> exposed = new java.util.TreeMap<>();
        int checked = 0;
        for (Class<?> anchor : JARS) {
            for (Class<?> type : apiTypes(anchor)) {
                exposed.putAll(exposures(type));
                checked++;
            }
        }

        assertThat(checked).as("public API types found").isGreaterThan(40);
        assertThat(exposed).as("public signatures that name internal types").isEmpty();
    }

    /** The check itself finds what it looks for. */
    public static final class Leaky {
        public io.github.dynastream.internal.Lazy<String> lazy;

        public void take(List<io.github.dynastream.internal.Lazy<String>> values) {}
    }

    @Test
    void theCheckSeesInternalTypesInFieldsAndTypeArguments() {
        assertThat(exposures(Leaky.class))
                .containsOnlyKeys(Leaky.class.getName() + ".lazy", Leaky.class.getName() + ".take(...)");
    }
}
