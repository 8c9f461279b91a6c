package io.github.dynastream.internal;

import io.github.dynastream.AttributeValue;
import io.github.dynastream.ChangeRecord;
import io.github.dynastream.OnRemove;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A method registered for one event name, with that annotation's filter. */
final class Route {
    private final HandlerMethod method;
    private final List<String> changed;
    private final OnRemove.Ttl ttl;
    private final String filterDescription;

    private Route(HandlerMethod method, List<String> changed, OnRemove.Ttl ttl) {
        this.method = method;
        this.changed = changed;
        this.ttl = ttl;
        this.filterDescription = method.description() + " with changed=" + changed;
    }

    static Route always(HandlerMethod method) {
        return new Route(method, List.of(), OnRemove.Ttl.INCLUDE);
    }

    static Route whenChanged(HandlerMethod method, List<String> changed) {
        return new Route(method, List.copyOf(changed), OnRemove.Ttl.INCLUDE);
    }

    static Route forRemoves(HandlerMethod method, OnRemove.Ttl ttl) {
        return new Route(method, List.of(), ttl);
    }

    HandlerMethod method() {
        return method;
    }

    /**
     * Whether the method wants this record.
     *
     * @throws io.github.dynastream.MissingImageException if a {@code changed} filter cannot be
     *     evaluated because an image is missing
     */
    boolean matches(ChangeRecord record) {
        switch (ttl) {
            case EXCLUDE -> {
                if (record.isTimeToLiveDelete()) {
                    return false;
                }
            }
            case ONLY -> {
                if (!record.isTimeToLiveDelete()) {
                    return false;
                }
            }
            case INCLUDE -> {}
        }
        if (changed.isEmpty()) {
            return true;
        }
        String filter = filterDescription;
        Map<String, AttributeValue> before = Argument.required(record, record.oldImage(), Argument.OLD_IMAGE, filter);
        Map<String, AttributeValue> after = Argument.required(record, record.newImage(), Argument.NEW_IMAGE, filter);
        for (String attribute : changed) {
            if (!Objects.equals(before.get(attribute), after.get(attribute))) {
                return true;
            }
        }
        return false;
    }
}
