package dev.lumen.db.repository.extended;

/**
 * An amount of money, stored in a {@code numeric(12, 2)} column by {@link MoneyConverter}.
 *
 * @param cents the amount in cents
 */
public record Money(long cents) {
}
