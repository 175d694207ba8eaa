package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.time.Duration;

/** Range checks shared by the configuration records; every failure names the key. */
final class Checks {

    private Checks() {
    }

    static int range(ConfigKey key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigurationException(key.property(),
                    key.property() + " must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    static Duration notNegative(ConfigKey key, Duration value) {
        if (value.isNegative()) {
            throw new ConfigurationException(key.property(), key.property() + " must not be negative, got " + value);
        }
        return value;
    }

    /** Zero (meaning "off") or at least {@code min}. */
    static Duration zeroOrAtLeast(ConfigKey key, Duration value, Duration min) {
        notNegative(key, value);
        if (!value.isZero() && value.compareTo(min) < 0) {
            throw new ConfigurationException(key.property(), key.property() + " must be 0 (off) or at least "
                    + Durations.format(min) + ", got " + Durations.format(value));
        }
        return value;
    }

    /** Between {@code min} and {@code max}, both included. */
    static Duration between(ConfigKey key, Duration value, Duration min, Duration max) {
        atLeast(key, value, min);
        return atMost(key, value, max);
    }

    /** Zero (meaning "off") or between {@code min} and {@code max}. */
    static Duration zeroOrBetween(ConfigKey key, Duration value, Duration min, Duration max) {
        zeroOrAtLeast(key, value, min);
        return atMost(key, value, max);
    }

    /** At most {@code max}: beyond it a value is a typo or overflows what the driver or server accepts. */
    static Duration atMost(ConfigKey key, Duration value, Duration max) {
        if (value.compareTo(max) > 0) {
            throw new ConfigurationException(key.property(), key.property() + " must be at most "
                    + Durations.format(max) + ", got " + Durations.format(value));
        }
        return value;
    }

    static Duration atLeast(ConfigKey key, Duration value, Duration min) {
        if (value.compareTo(min) < 0) {
            throw new ConfigurationException(key.property(), key.property() + " must be at least "
                    + Durations.format(min) + ", got " + Durations.format(value));
        }
        return value;
    }
}
