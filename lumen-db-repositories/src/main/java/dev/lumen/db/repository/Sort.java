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

    /** Freezes the list. */
    public Sort {
        orders = List.copyOf(orders);
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

    /**
     * Parses a client's sort parameter such as {@code "-created_at,name"} ({@code -} for descending) against the
     * allowed keys.
     *
     * @param spec    the parameter; blank for unsorted
     * @param allowed the repository's keys
     * @return the sort
     * @throws InvalidInputException naming the unknown key and the allowed ones
     */
    public static Sort parse(String spec, Collection<? extends SortKey> allowed) {
        if (spec.isBlank()) {
            return unsorted();
        }
        List<Order> orders = new ArrayList<>();
        for (String part : spec.split(",")) {
            String token = part.trim();
            Direction direction = token.startsWith("-") ? Direction.DESC : Direction.ASC;
            String name = token.replaceFirst("^[-+]", "").toLowerCase(Locale.ROOT);
            SortKey key = allowed.stream()
                    .filter(k -> k.key().equals(name))
                    .findFirst()
                    .orElseThrow(() -> unknown(token, allowed));
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
        return new InvalidInputException("Unknown sort key '" + shown + "'; allowed: "
                + allowed.stream().map(SortKey::key).collect(Collectors.joining(", ")), null, null);
    }
}
