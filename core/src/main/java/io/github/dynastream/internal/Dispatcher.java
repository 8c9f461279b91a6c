package io.github.dynastream.internal;

import io.github.dynastream.ChangeRecord;
import io.github.dynastream.EventName;
import io.github.dynastream.mapping.RawImageReader;
import io.github.dynastream.source.InPlaceReaders;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Calls the handler methods that want a record, in their documented order. Built once; immutable and
 * thread-safe.
 */
public final class Dispatcher implements InPlaceReaders {
    private final Route[][] routes;
    private final RawImageReader<?>[][] inPlace;

    Dispatcher(Map<EventName, List<Route>> routesByEvent) {
        this.routes = new Route[EventName.values().length][];
        this.inPlace = new RawImageReader<?>[EventName.values().length][2];
        for (EventName name : EventName.values()) {
            this.routes[name.ordinal()] =
                    routesByEvent.getOrDefault(name, List.of()).toArray(new Route[0]);
            for (Route route : routes[name.ordinal()]) {
                for (Argument argument : route.method().arguments()) {
                    for (int image = 0; image < 2; image++) {
                        if (inPlace[name.ordinal()][image] == null
                                && argument.reader() instanceof RawImageReader<?> reader
                                && argument.maps(name, image == 1)) {
                            inPlace[name.ordinal()][image] = reader;
                        }
                    }
                }
            }
        }
    }

    /**
     * The first item reader the methods for this event name use on this image: mapping it while the
     * event is parsed saves reading the image's bytes again. The item is only used if a method asks
     * for it.
     */
    @Override
    public RawImageReader<?> inPlace(EventName eventName, boolean newImage) {
        return inPlace[eventName.ordinal()][newImage ? 1 : 0];
    }

    /** How one method is called: directly, or wrapped in a retry. */
    @FunctionalInterface
    interface MethodCall {
        void call(HandlerMethod method, ChangeRecord record, Argument.RecordItems items) throws Throwable;
    }

    static final MethodCall DIRECT = HandlerMethod::invoke;

    /**
     * Runs every matching method for the record; the first exception ends the record, and is thrown
     * as the method threw it.
     */
    public void dispatch(ChangeRecord record) throws Throwable {
        dispatch(record, DIRECT);
    }

    void dispatch(ChangeRecord record, MethodCall call) throws Throwable {
        Route[] candidates = routes[record.eventName().ordinal()];
        Argument.RecordItems items = null;
        for (Route route : candidates) {
            if (route.matches(record)) {
                if (items == null) {
                    items = new Argument.RecordItems();
                }
                call.call(route.method(), record, items);
            }
        }
    }

    /** The methods registered for an event name, in invocation order (for diagnostics and tests). */
    public List<String> methodsFor(EventName eventName) {
        List<String> names = new ArrayList<>();
        for (Route route : routes[eventName.ordinal()]) {
            names.add(route.method().description());
        }
        return names;
    }

    /** The routes for an event name, in invocation order (for priming). */
    Route[] routes(EventName eventName) {
        return routes[eventName.ordinal()];
    }

    static Map<EventName, List<Route>> emptyRoutes() {
        Map<EventName, List<Route>> routes = new EnumMap<>(EventName.class);
        for (EventName name : EventName.values()) {
            routes.put(name, new ArrayList<>());
        }
        return routes;
    }
}
