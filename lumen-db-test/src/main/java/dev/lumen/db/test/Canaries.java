package dev.lumen.db.test;

/**
 * Values that must never appear in logs, metrics, exception messages or {@code toString} output. Tests feed them
 * in as passwords and personal data; a scan of the whole suite's output then proves none leaked. Every canary
 * starts with {@link #PREFIX}.
 */
public final class Canaries {

    /** What the scan looks for. */
    public static final String PREFIX = "leakcanary";
    /** A password. */
    public static final String PASSWORD = PREFIX + "-password-5d1e";
    /** An e-mail address (personal data in a bind value). */
    public static final String EMAIL = PREFIX + "-ada@example.com";
    /** Any other secret bind value. */
    public static final String SECRET = PREFIX + "-secret-7f3a9";

    private Canaries() {
    }
}
