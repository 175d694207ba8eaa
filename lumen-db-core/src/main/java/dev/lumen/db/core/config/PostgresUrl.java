package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server address parsed from a JDBC URL ({@code jdbc:postgresql://host:5432/db?ssl=true}) or a
 * libpq URI ({@code postgres://user:secret@host:5432/db}, as Go, Heroku and most platforms hand them out).
 * Credentials found in the URL are lifted out, so {@link #jdbcUrl()} never contains a password.
 *
 * @param jdbcUrl  the JDBC URL without credentials
 * @param server   {@code host:port/database}, for messages
 * @param user     the user named in the URL, if any
 * @param password the password named in the URL, or empty
 */
public record PostgresUrl(String jdbcUrl, String server, @Nullable String user, Secret password) {

    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*):[^@/?]*@");
    private static final Pattern PASSWORD_PARAMETER =
            Pattern.compile("(?i)([?&;](?:password|sslpassword)=)[^&;\\s]*");

    /**
     * Parses a URL.
     *
     * @param raw the URL as configured
     * @return the parsed address
     * @throws ConfigurationException naming {@code lumen.db.url} when the text is not a PostgreSQL URL
     */
    public static PostgresUrl parse(String raw) {
        String text = raw.trim();
        String rest;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:postgresql://")) {
            rest = text.substring("jdbc:postgresql://".length());
        } else if (lower.startsWith("postgresql://")) {
            rest = text.substring("postgresql://".length());
        } else if (lower.startsWith("postgres://")) {
            rest = text.substring("postgres://".length());
        } else {
            throw invalid(raw, "expected jdbc:postgresql://host:5432/database or postgres://user@host/database");
        }
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String database = slash < 0 ? "" : decode(beforeQuery.substring(slash + 1));

        String user = null;
        String password = "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        }
        if (authority.isBlank()) {
            throw invalid(raw, "the host is missing");
        }
        for (String host : authority.split(",")) {
            if (!host.matches("(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+)(:\\d{1,5})?")) {
                throw invalid(raw, "'" + host + "' is not a host[:port]");
            }
        }
        if (database.contains("/")) {
            throw invalid(raw, "the database name contains '/'");
        }

        List<String> kept = new ArrayList<>();
        for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            switch (name) {
                case "user" -> user = value;
                case "password" -> password = value;
                // libpq spells it sslmode too; pgjdbc understands the same values.
                default -> kept.add(parameter);
            }
        }
        String jdbc = "jdbc:postgresql://" + authority + "/" + database
                + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
        return new PostgresUrl(jdbc, authority + "/" + database, user, Secret.of(password));
    }

    /**
     * Masks passwords in any text that may contain a URL ({@code user:secret@host}, {@code password=secret}).
     *
     * @param text a URL or a message containing one
     * @return the text with passwords replaced by {@code ****}
     */
    public static String mask(String text) {
        String masked = USER_INFO.matcher(text).replaceAll("$1:****@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1****");
    }

    /** The password is masked. */
    @Override
    public String toString() {
        return "PostgresUrl[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + password + "]";
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static ConfigurationException invalid(String raw, String why) {
        return new ConfigurationException(ConfigKey.URL.property(),
                ConfigKey.URL.property() + " is not a PostgreSQL URL (" + why + "): " + mask(raw));
    }
}
