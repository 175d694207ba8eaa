package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;

/** Reads the optional properties file; a file that cannot be read or parsed fails naming the file and line. */
final class ConfigFile {

    /** An odd run of backslashes before {@code u} that is not followed by four hex digits. */
    private static final Pattern BAD_UNICODE_ESCAPE = Pattern.compile("(?<!\\\\)(?:\\\\\\\\)*\\\\u(?![0-9a-fA-F]{4})");

    private ConfigFile() {
    }

    static Properties read(Path path, String source) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw failure(source, path + " is not UTF-8 text");
        } catch (IOException e) {
            throw failure(source, "names a file that cannot be read: " + path);
        }
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IllegalArgumentException e) {
            // Properties reports "Malformed \\uxxxx encoding." without saying where; find the line ourselves.
            throw failure(source, path + " has a malformed \\u escape" + line(text)
                    + ": write \\uXXXX with four hex digits, or \\\\ for a backslash");
        } catch (IOException e) {
            throw failure(source, "names a file that cannot be read: " + path);
        }
        return properties;
    }

    private static String line(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (BAD_UNICODE_ESCAPE.matcher(lines.get(i)).find()) {
                return " on line " + (i + 1);
            }
        }
        return "";
    }

    private static ConfigurationException failure(String source, String what) {
        return new ConfigurationException(ConfigKey.CONFIG_FILE.property(), ConfigKey.CONFIG_FILE.property()
                + " (from " + source + ") " + what);
    }
}
