package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derives the shape of a filter (the part of a cache key that says which SQL its condition renders), so no
 * hand-written key decides which cached SQL a call reuses.
 *
 * <ul>
 *   <li>A record filter that writes its condition through {@link Binds} ({@link Filter#condition(Binds)}) gets the
 *       shape "its class and which of its components are set" (not {@code null}, not an empty {@code Optional}),
 *       read through the record's accessors. Its own {@link Filter#shape()}, if any, only refines that.</li>
 *   <li>Any other filter with a {@link Filter#shape()} of its own is trusted with nothing: every call is rendered
 *       and compared with the SQL cached for its key ({@link #handWritten}), so a wrong key fails instead of
 *       returning another shape's rows.</li>
 *   <li>A filter without {@code condition(Binds)} has no shape: its calls take jOOQ's path.</li>
 * </ul>
 *
 * <p>While it reads the components it also bounds every text a record filter carries ({@link String} components
 * and the strings in collection or array components) to {@link Texts#maxFilterText()} characters. What is learnt
 * about a class is computed once ({@link ClassValue}, so bounded by the classes loaded).
 */
final class FilterShapes {

    private static final Logger LOG = LoggerFactory.getLogger(FilterShapes.class);
    /** Records with more components than a {@code long} has bits take jOOQ's path. */
    static final int MAX_COMPONENTS = 64;

    /** What a filter class allows. */
    private record Info(boolean bindsTemplate, MethodHandle @Nullable [] accessors, String[] names) {
    }

    private static final ClassValue<Info> INFO = new ClassValue<>() {
        @Override
        protected Info computeValue(Class<?> type) {
            return inspect(type);
        }
    };

    /**
     * A derived shape.
     *
     * @param type   the filter class
     * @param set    bit i set when component i is set (records); 0 otherwise
     * @param own    the filter's own {@link Filter#shape()}, or {@code null}
     * @param record whether the shape was derived from a record's components (else only {@code own} says it)
     */
    record Key(Class<?> type, long set, @Nullable Object own, boolean record) {

        /** Whether nothing but a hand-written key tells this shape apart: such calls are always verified. */
        boolean handWritten() {
            return !record && type != Filter.All.class;
        }
    }

    private FilterShapes() {
    }

    /**
     * The shape of a filter, or {@code null} when its calls must take jOOQ's path.
     *
     * @param filter the filter
     * @return the key
     * @throws InvalidInputException when a text component is longer than {@link Texts#maxFilterText()}
     */
    static @Nullable Key of(Filter filter) {
        Class<?> type = filter.getClass();
        Info info = INFO.get(type);
        if (!info.bindsTemplate()) {
            return null;
        }
        Object own = filter.shape();
        MethodHandle[] accessors = info.accessors();
        if (accessors == null) {
            return own == null ? null : new Key(type, 0, own, false);
        }
        long set = 0;
        for (int i = 0; i < accessors.length; i++) {
            Object value = component(accessors[i], filter);
            check(type, info.names()[i], value);
            if (value != null && !(value instanceof Optional<?> optional && optional.isEmpty())) {
                set |= 1L << i;
            }
        }
        return new Key(type, set, own, true);
    }

    private static @Nullable Object component(MethodHandle accessor, Filter filter) {
        try {
            return accessor.invoke(filter);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("Cannot read a component of " + filter.getClass().getName(), e);
        }
    }

    /** Bounds the text a filter carries: a search costs the server time per character and per row. */
    private static void check(Class<?> type, String component, @Nullable Object value) {
        switch (value) {
            case String text -> bound(type, component, text);
            case Optional<?> optional -> check(type, component, optional.orElse(null));
            case Collection<?> values -> {
                for (Object element : values) {
                    if (element instanceof String text) {
                        bound(type, component, text);
                    }
                }
            }
            case Object[] values -> {
                for (Object element : values) {
                    if (element instanceof String text) {
                        bound(type, component, text);
                    }
                }
            }
            case null, default -> {
            }
        }
    }

    private static void bound(Class<?> type, String component, String text) {
        if (text.length() > Texts.maxFilterText()) {
            throw new InvalidInputException(type.getSimpleName() + "." + component + " is too long: " + text.length()
                    + " characters (at most " + Texts.maxFilterText() + ")", null, null);
        }
    }

    private static Info inspect(Class<?> type) {
        boolean bindsTemplate = overridesConditionWithBinds(type);
        if (!bindsTemplate) {
            LOG.debug("{} does not override Filter.condition(Binds): queries with it take jOOQ's path", type.getName());
            return new Info(false, null, new String[0]);
        }
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            return new Info(true, null, new String[0]);
        }
        if (components.length > MAX_COMPONENTS) {
            LOG.debug("{} has more than {} components: queries with it take jOOQ's path", type.getName(),
                    MAX_COMPONENTS);
            return new Info(false, null, new String[0]);
        }
        MethodHandle[] accessors = new MethodHandle[components.length];
        String[] names = new String[components.length];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (int i = 0; i < components.length; i++) {
            names[i] = components[i].getName();
            try {
                components[i].getAccessor().setAccessible(true);
                accessors[i] = lookup.unreflect(components[i].getAccessor())
                        .asType(MethodType.methodType(Object.class, Filter.class));
            } catch (IllegalAccessException | RuntimeException e) {
                LOG.debug("{}'s components cannot be read ({}): queries with it take jOOQ's path", type.getName(),
                        e.toString());
                return new Info(false, null, new String[0]);
            }
        }
        return new Info(true, accessors, names);
    }

    private static boolean overridesConditionWithBinds(Class<?> type) {
        try {
            return type.getMethod("condition", Binds.class).getDeclaringClass() != Filter.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
