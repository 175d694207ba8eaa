package dev.lumen.db.maven;

/**
 * The two things the generator tells the build. Keeps the generator free of Maven types so tests and other
 * build tools can drive it.
 */
public interface BuildLog {

    /**
     * Progress worth showing by default.
     *
     * @param message the line
     */
    void info(String message);

    /**
     * Something the user should look at.
     *
     * @param message the line
     */
    void warn(String message);

    /**
     * A log that drops everything.
     *
     * @return a silent log
     */
    static BuildLog silent() {
        return new BuildLog() {
            @Override
            public void info(String message) {
            }

            @Override
            public void warn(String message) {
            }
        };
    }
}
