package dev.lumen.db.repository;

import dev.lumen.db.core.error.InvalidInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An ordering over allow-listed {@link SortKey}s. The repository appends its primary key as the last tiebreaker,
 * so pages never overlap.
 *
 * @param orders the keys and directions, most significant first
 */
public record Sort(List<Order> orders) {

    /** Sort direction. */
    public enum Direction {
        /** Smallest first. */
        ASC,
        /** Largest first. */
        DESC
    }

    /**
     * One key and its direction.
     *
     * @param key       the key
     * @param direction the direction
     */
    public record Order(SortKey key, Direction direction) {
    }

    /** Freezes the list; a key may appear once. */
    public Sort {
        orders = List.copyOf(orders);
        for (int i = 0; i < orders.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (orders.get(j).key().equals(orders.get(i).key())) {
                    throw new InvalidInputException("Sort key '" + orders.get(i).key().key() + "' appears more than once",
                            null, null);
                }
            }
        }
    }

    /**
     * No ordering beyond the repository's default.
     *
     * @return the empty sort
     */
    public static Sort unsorted() {
        return new Sort(List.of());
    }

    /**
     * Ascending by one key.
     *
     * @param key the key
     * @return the sort
     */
    public static Sort asc(SortKey key) {
        return new Sort(List.of(new Order(key, Direction.ASC)));
    }

    /**
     * Descending by one key.
     *
     * @param key the key
     * @return the sort
     */
    public static Sort desc(SortKey key) {
        return new Sort(List.of(new Order(key, Direction.DESC)));
    }

    /**
     * This sort, then {@code key} ascending.
     *
     * @param key the next key
     * @return the longer sort
     */
    public Sort thenAsc(SortKey key) {
        return then(new Order(key, Direction.ASC));
    }

    /**
     * This sort, then {@code key} descending.
     *
     * @param key the next key
     * @return the longer sort
     */
    public Sort thenDesc(SortKey key) {
        return then(new Order(key, Direction.DESC));
    }

    private Sort then(Order order) {
        List<Order> longer = new ArrayList<>(orders);
        longer.add(order);
        return new Sort(longer);
    }

    /** The longest sort parameter {@link #parse} reads, in characters; longer input is refused unread. */
    public static final int MAX_SPEC_LENGTH = 512;

    /**
     * Parses a client's sort parameter such as {@code "-created_at,name"} ({@code -} for descending) against the
     * allowed keys. Each key may appear once, so a sort has at most as many keys as the allow-list, and the number
     * of distinct sorts (and of query shapes they make) is bounded by the allow-list, never by the input.
     *
     * @param spec    the parameter, at most {@value #MAX_SPEC_LENGTH} characters; blank for unsorted
     * @param allowed the repository's keys
     * @return the sort
     * @throws InvalidInputException naming the unknown or repeated key and the allowed ones, or when the parameter
     *                               is too long or has more keys than the allow-list
     */
    public static Sort parse(String spec, Collection<? extends SortKey> allowed) {
        if (spec.length() > MAX_SPEC_LENGTH) {
            throw new InvalidInputException("Sort parameter too long: " + spec.length() + " characters (at most "
                    + MAX_SPEC_LENGTH + ")", null, null);
        }
        if (spec.isBlank()) {
            return unsorted();
        }
        String[] parts = spec.split(",", -1);
        if (parts.length > allowed.size()) {
            throw new InvalidInputException("Too many sort keys: " + parts.length + " (at most " + allowed.size()
                    + ", each once); allowed: " + names(allowed), null, null);
        }
        List<Order> orders = new ArrayList<>(parts.length);
        for (String part : parts) {
            String token = part.trim();
            Direction direction = token.startsWith("-") ? Direction.DESC : Direction.ASC;
            String name = token.replaceFirst("^[-+]", "").toLowerCase(Locale.ROOT);
            SortKey key = allowed.stream()
                    .filter(k -> k.key().equals(name))
                    .findFirst()
                    .orElseThrow(() -> unknown(token, allowed));
            if (orders.stream().anyMatch(o -> o.key().equals(key))) {
                throw new InvalidInputException("Sort key '" + key.key() + "' appears more than once", null, null);
            }
            orders.add(new Order(key, direction));
        }
        return new Sort(orders);
    }

    /**
     * Parses against an enum of keys.
     *
     * @param spec the parameter
     * @param keys the enum class
     * @param <E>  the enum type
     * @return the sort
     */
    public static <E extends Enum<E> & SortKey> Sort parse(String spec, Class<E> keys) {
        return parse(spec, Arrays.asList(keys.getEnumConstants()));
    }

    static InvalidInputException unknown(String token, Collection<? extends SortKey> allowed) {
        String shown = token.length() > 40 ? token.substring(0, 40) + "..." : token;
        return new InvalidInputException("Unknown sort key '" + shown + "'; allowed: " + names(allowed), null, null);
    }

    private static String names(Collection<? extends SortKey> allowed) {
        return allowed.stream().map(SortKey::key).collect(Collectors.joining(", "));
    }
}
