package io.github.dynastream.internal;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.Change;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.HandlerDefinitionException;
import io.github.dynastream.OnInsert;
import io.github.dynastream.OnModify;
import io.github.dynastream.OnRemove;
import io.github.dynastream.mapping.ItemMapper;
import io.github.dynastream.mapping.ItemReader;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the annotated methods of handler objects and turns them into a {@link Dispatcher}: all
 * reflection, access checks and item-reader creation happen here, once.
 *
 * <p>Invocation order: handlers in the order they were registered; within one handler, methods by
 * name, then by parameter types. A bad method is rejected with a {@link HandlerDefinitionException}.
 */
public final class HandlerScanner {
    private static final Set<String> UNRESOLVABLE_TYPE_NAMES = Set.of(
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.events.DynamodbEvent",
            "com.amazonaws.services.lambda.runtime.events.DynamodbEvent$DynamodbStreamRecord");
    private static final Comparator<Method> METHOD_ORDER =
            Comparator.comparing(Method::getName).thenComparing(m -> Arrays.toString(m.getParameterTypes()));

    private final ItemMapper itemMapper;
    private final Map<Type, ItemReader<?>> readers = new HashMap<>();

    public HandlerScanner(ItemMapper itemMapper) {
        this.itemMapper = itemMapper;
    }

    /** Scans the handlers, in registration order, into a dispatcher. */
    public Dispatcher scan(List<Object> handlers) {
        Map<EventName, List<Route>> routes = Dispatcher.emptyRoutes();
        for (Object handler : handlers) {
            List<Method> methods = annotatedMethods(handler.getClass());
            if (methods.isEmpty()) {
                throw ApiExceptions.get()
                        .handlerDefinition(
                                handler.getClass().getName(),
                                null,
                                "has no @OnInsert, @OnModify or @OnRemove methods (private methods are not considered)");
            }
            for (Method method : methods) {
                register(handler, method, routes);
            }
        }
        return new Dispatcher(routes);
    }

    private static List<Method> annotatedMethods(Class<?> type) {
        List<Method> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Method> declared = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
            declared.sort(METHOD_ORDER);
            for (Method m : declared) {
                if (m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                boolean overridden = !seen.add(m.getName() + Arrays.toString(m.getParameterTypes()));
                boolean annotated = m.isAnnotationPresent(OnInsert.class)
                        || m.isAnnotationPresent(OnModify.class)
                        || m.isAnnotationPresent(OnRemove.class);
                if (annotated && !overridden) {
                    found.add(m);
                }
            }
        }
        found.sort(METHOD_ORDER);
        return found;
    }

    private void register(Object handler, Method method, Map<EventName, List<Route>> routes) {
        String className = method.getDeclaringClass().getName();
        String signature = method.getName()
                + Arrays.stream(method.getGenericParameterTypes())
                        .map(HandlerScanner::simpleName)
                        .collect(Collectors.joining(", ", "(", ")"));
        String description = simpleName(method.getDeclaringClass()) + "." + signature;
        int modifiers = method.getModifiers();
        if (Modifier.isPrivate(modifiers)) {
            throw invalid(className, signature, "is private; make it package-private or public");
        }
        if (Modifier.isStatic(modifiers)) {
            throw invalid(className, signature, "is static; handler methods are called on the handler object");
        }
        if (method.getReturnType() != void.class) {
            throw invalid(
                    className,
                    signature,
                    "returns " + method.getGenericReturnType().getTypeName()
                            + "; handler methods must return void (throw to fail the record)");
        }
        Argument[] arguments = arguments(method, className, signature);
        HandlerMethod handlerMethod =
                new HandlerMethod(description, invoker(handler, method, className, signature), arguments);

        OnInsert onInsert = method.getAnnotation(OnInsert.class);
        OnModify onModify = method.getAnnotation(OnModify.class);
        OnRemove onRemove = method.getAnnotation(OnRemove.class);
        if (onInsert != null) {
            routes.get(EventName.INSERT).add(Route.always(handlerMethod));
        }
        if (onModify != null) {
            List<String> changed = changed(onModify, className, signature);
            routes.get(EventName.MODIFY)
                    .add(changed.isEmpty() ? Route.always(handlerMethod) : Route.whenChanged(handlerMethod, changed));
        }
        if (onRemove != null) {
            routes.get(EventName.REMOVE).add(Route.forRemoves(handlerMethod, onRemove.ttl()));
        }
    }

    private static List<String> changed(OnModify onModify, String className, String signature) {
        Set<String> names = new LinkedHashSet<>();
        for (String name : onModify.changed()) {
            if (name == null || name.isBlank()) {
                throw invalid(
                        className,
                        signature,
                        "@OnModify(changed = ...) has an empty attribute name in "
                                + Arrays.toString(onModify.changed()));
            }
            if (!names.add(name)) {
                throw invalid(className, signature, "@OnModify(changed = ...) names \"" + name + "\" twice");
            }
        }
        return List.copyOf(names);
    }

    private Argument[] arguments(Method method, String className, String signature) {
        Type[] types = method.getGenericParameterTypes();
        Argument[] arguments = new Argument[types.length];
        String itemParameter = null;
        boolean recordSeen = false;
        for (int i = 0; i < types.length; i++) {
            Type type = types[i];
            String parameter = "parameter " + (i + 1) + " (" + type.getTypeName() + ")";
            if (type == ChangeRecord.class) {
                if (recordSeen) {
                    throw invalid(className, signature, "takes ChangeRecord twice");
                }
                recordSeen = true;
                arguments[i] = Argument.record();
                continue;
            }
            if (itemParameter != null) {
                throw invalid(
                        className,
                        signature,
                        "has two item parameters (" + itemParameter + " and " + parameter
                                + "); take one item type, Change<T> or Map<String, AttributeValue>");
            }
            itemParameter = parameter;
            arguments[i] = itemArgument(type, parameter, className, signature);
        }
        return arguments;
    }

    private Argument itemArgument(Type type, String parameter, String className, String signature) {
        if (type == Change.class) {
            throw invalid(className, signature, parameter + " needs a type argument, e.g. Change<Order>");
        }
        if (type instanceof ParameterizedType p && p.getRawType() == Change.class) {
            Type itemType = p.getActualTypeArguments()[0];
            checkItemType(itemType, parameter, className, signature);
            return Argument.change(reader(itemType, parameter, className, signature), itemType);
        }
        if (isRawImage(type)) {
            return Argument.image();
        }
        checkItemType(type, parameter, className, signature);
        return Argument.item(reader(type, parameter, className, signature), type);
    }

    private static boolean isRawImage(Type type) {
        return type instanceof ParameterizedType p
                && p.getRawType() == Map.class
                && p.getActualTypeArguments()[0] == String.class
                && p.getActualTypeArguments()[1] == AttributeValue.class;
    }

    private static void checkItemType(Type type, String parameter, String className, String signature) {
        String reason = null;
        if (type instanceof TypeVariable<?> || type instanceof WildcardType) {
            reason = "is a type variable or wildcard; name a concrete item type";
        } else if (type instanceof Class<?> c) {
            if (c.isPrimitive()
                    || c == String.class
                    || c == Object.class
                    || Number.class.isAssignableFrom(c)
                    || c == Boolean.class
                    || c == Character.class
                    || CharSequence.class.isAssignableFrom(c)) {
                reason = "is not an item type";
            } else if (UNRESOLVABLE_TYPE_NAMES.contains(c.getName())) {
                reason = "is not available to handler methods";
            } else if (c == AttributeValue.class || c.getEnclosingClass() == AttributeValue.class) {
                reason = "is a single attribute value; take Map<String, AttributeValue> for the whole image";
            }
        }
        if (reason != null) {
            throw invalid(
                    className,
                    signature,
                    parameter + " cannot be resolved: it " + reason
                            + ". Parameters may be the item type, Change<T>, ChangeRecord or Map<String, AttributeValue>");
        }
    }

    private ItemReader<?> reader(Type type, String parameter, String className, String signature) {
        ItemReader<?> reader = readers.get(type);
        if (reader == null) {
            try {
                reader = itemMapper.readerFor(type);
            } catch (RuntimeException e) {
                throw invalid(className, signature, parameter + " cannot be mapped: " + e.getMessage());
            }
            readers.put(type, reader);
        }
        return reader;
    }

    private static MethodHandle invoker(Object handler, Method method, String className, String signature) {
        try {
            method.setAccessible(true);
            MethodHandle handle = MethodHandles.lookup().unreflect(method).bindTo(handler);
            return handle.asSpreader(Object[].class, method.getParameterCount())
                    .asType(MethodType.methodType(void.class, Object[].class));
        } catch (RuntimeException | IllegalAccessException e) {
            throw invalid(
                    className,
                    signature,
                    "cannot be made accessible (" + e.getMessage()
                            + "); in a named module, open the package to io.github.dynastream.core");
        }
    }

    private static HandlerDefinitionException invalid(String className, String signature, String reason) {
        return ApiExceptions.get().handlerDefinition(className, signature, reason);
    }

    private static String simpleName(Type type) {
        if (type instanceof Class<?> c) {
            if (c.isAnonymousClass() || c.getSimpleName().isEmpty()) {
                return c.getName().substring(c.getName().lastIndexOf('.') + 1);
            }
            return c.isMemberClass() ? simpleName(c.getEnclosingClass()) + "." + c.getSimpleName() : c.getSimpleName();
        }
        if (type instanceof ParameterizedType p) {
            return simpleName(p.getRawType())
                    + Arrays.stream(p.getActualTypeArguments())
                            .map(HandlerScanner::simpleName)
                            .collect(Collectors.joining(", ", "<", ">"));
        }
        return type.getTypeName();
    }
}
