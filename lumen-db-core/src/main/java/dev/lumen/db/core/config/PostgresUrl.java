package dev.lumen.db.core.config;

import dev.lumen.db.core.error.ConfigurationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL server address parsed from a JDBC URL ({@code jdbc:postgresql://host:5432/db?ssl=true}) or a
 * libpq URI ({@code postgres://user:secret@host:5432/db}, as Go, Heroku and most platforms hand them out).
 * Credentials and every secret-bearing driver parameter found in the URL are lifted out, so {@link #jdbcUrl()}
 * never contains a secret; messages name only {@link #server()}, which is checked to be hosts, ports and a
 * database name.
 *
 * <p>The user name and password may be percent-encoded; a raw {@code /}, {@code ?} or {@code @} in the password
 * is also understood (the host part is the text after the last {@code @} that is followed by valid hosts). Query
 * parameters must be ones pgjdbc knows ({@link org.postgresql.PGProperty}), so a typo such as {@code sslmdoe} is
 * an error rather than silently ignored. Nothing of a URL that cannot be parsed is ever quoted back.
 *
 * @param jdbcUrl          the JDBC URL without credentials and secret parameters
 * @param server           {@code host:port/database}, for messages
 * @param user             the user named in the URL, if any
 * @param password         the password named in the URL, or empty
 * @param secretParameters other secret-bearing driver parameters from the URL ({@code sslpassword}, ...), by
 *                         pgjdbc's name; they travel to the driver as properties, never in the URL
 */
public record PostgresUrl(String jdbcUrl, String server, @Nullable String user, Secret password,
        Map<String, Secret> secretParameters) {

    /** Freezes the parameters. */
    public PostgresUrl {
        secretParameters = Map.copyOf(secretParameters);
    }

    /**
     * An address without secret parameters.
     *
     * @param jdbcUrl  the JDBC URL without credentials
     * @param server   {@code host:port/database}
     * @param user     the user named in the URL, if any
     * @param password the password named in the URL, or empty
     */
    public PostgresUrl(String jdbcUrl, String server, @Nullable String user, Secret password) {
        this(jdbcUrl, server, user, password, Map.of());
    }

    private static final List<String> SCHEMES = List.of("jdbc:postgresql://", "postgresql://", "postgres://");
    private static final String HOST = "(?:\\[[0-9a-fA-F:.]+]|[A-Za-z0-9._-]+)(?::\\d{1,5})?";
    private static final String HOSTS = HOST + "(?:," + HOST + ")*";
    /** After the hosts: an optional database (no '/', '?', '@' or '#') and an optional query. */
    private static final java.util.regex.Pattern SERVER_PART =
            java.util.regex.Pattern.compile("(" + HOSTS + ")(?:/([^/?@#]*))?(?:\\?([^#]*))?");
    private static final String ENCODING_HINT = "; a user name or password containing / ? @ : # % & or a space"
            + " must be percent-encoded (%2F %3F %40 %3A %23 %25 %26 %20)";

    /**
     * Parses a URL.
     *
     * @param raw the URL as configured
     * @return the parsed address
     * @throws ConfigurationException naming {@code lumen.db.url} when the text is not a PostgreSQL URL; the message
     *                                never repeats the URL
     */
    public static PostgresUrl parse(String raw) {
        String text = raw.strip();
        String rest = null;
        for (String scheme : SCHEMES) {
            if (text.regionMatches(true, 0, scheme, 0, scheme.length())) {
                rest = text.substring(scheme.length());
                break;
            }
        }
        if (rest == null) {
            throw invalid("expected jdbc:postgresql://host:5432/database or postgres://user@host/database");
        }
        if (rest.isEmpty() || rest.startsWith("/") || rest.startsWith("?")) {
            throw invalid("the host is missing");
        }
        String afterScheme = rest;
        Split split = standard(afterScheme).or(() -> lastAt(afterScheme))
                .orElseThrow(() -> invalid(reason(afterScheme)));

        String user = null;
        String password = "";
        if (split.userInfo() != null) {
            int colon = split.userInfo().indexOf(':');
            user = decode(colon < 0 ? split.userInfo() : split.userInfo().substring(0, colon));
            password = colon < 0 ? "" : decode(split.userInfo().substring(colon + 1));
        }
        String database = decode(split.database());
        Map<String, Secret> secrets = new LinkedHashMap<>();
        StringBuilder kept = new StringBuilder();
        int position = 0;
        for (String parameter : split.query().isEmpty() ? new String[0] : split.query().split("&")) {
            position++;
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String rawName = decode(equals < 0 ? parameter : parameter.substring(0, equals));
            String value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            int number = position;
            String name = DriverParameters.canonical(rawName).orElseThrow(() -> invalid("URL parameter number "
                    + number + " is not a pgjdbc connection property"
                    + DriverParameters.suggestion(rawName).map(s -> " (did you mean " + s + "?)").orElse("")
                    + "; a '&' inside a value must be percent-encoded (%26)"));
            if (name.equals("user")) {
                user = value;
            } else if (name.equals("password")) {
                password = value;
            } else if (DriverParameters.isSecret(name)) {
                secrets.put(name, Secret.of(value));
            } else {
                kept.append(kept.isEmpty() ? '?' : '&').append(name)
                        .append(equals < 0 ? "" : "=" + parameter.substring(equals + 1));
            }
        }
        String jdbc = "jdbc:postgresql://" + split.hosts() + "/" + split.database() + kept;
        return new PostgresUrl(jdbc, split.hosts() + "/" + database, user, Secret.of(password), secrets);
    }

    /** The parts of a URL: user info (raw), hosts, database (raw) and query (raw). */
    private record Split(@Nullable String userInfo, String hosts, String database, String query) {
    }

    /** RFC 3986: the authority ends at the first '/' or '?'; user info is what precedes its last '@'. */
    private static Optional<Split> standard(String rest) {
        int end = indexOfAny(rest, "/?");
        String authority = end < 0 ? rest : rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        return serverPart(userInfo, rest.substring(at + 1));
    }

    /**
     * A raw '/', '?' or '@' in the password: the user info ends at the first '@' followed by valid hosts, a
     * database and parameters pgjdbc knows (so an '@' inside the password or inside a parameter value is skipped).
     */
    private static Optional<Split> lastAt(String rest) {
        for (int at = rest.indexOf('@'); at > 0; at = rest.indexOf('@', at + 1)) {
            Optional<Split> split = serverPart(rest.substring(0, at), rest.substring(at + 1))
                    .filter(candidate -> knownParameters(candidate.query()));
            if (split.isPresent()) {
                return split;
            }
        }
        return Optional.empty();
    }

    private static Optional<Split> serverPart(@Nullable String userInfo, String afterUserInfo) {
        java.util.regex.Matcher matcher = SERVER_PART.matcher(afterUserInfo);
        if (!matcher.matches() || !portsInRange(matcher.group(1))) {
            return Optional.empty();
        }
        return Optional.of(new Split(userInfo, matcher.group(1), matcher.group(2) == null ? "" : matcher.group(2),
                matcher.group(3) == null ? "" : matcher.group(3)));
    }

    private static boolean portsInRange(String hosts) {
        for (String host : hosts.split(",")) {
            int colon = host.lastIndexOf(':');
            if (colon > host.lastIndexOf(']')) {
                int port = Integer.parseInt(host.substring(colon + 1));
                if (port < 1 || port > 65_535) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean knownParameters(String query) {
        for (String parameter : query.isEmpty() ? new String[0] : query.split("&")) {
            int equals = parameter.indexOf('=');
            if (!parameter.isEmpty() && DriverParameters.canonical(decode(equals < 0 ? parameter
                    : parameter.substring(0, equals))).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Why a URL that neither reading accepts is wrong, without quoting any of it. */
    private static String reason(String rest) {
        int end = indexOfAny(rest, "/?");
        String authority = end < 0 ? rest : rest.substring(0, end);
        String hosts = authority.substring(authority.lastIndexOf('@') + 1);
        if (hosts.isEmpty()) {
            return "the host is missing" + ENCODING_HINT;
        }
        if (!hosts.matches(HOSTS) || !portsInRange(hosts)) {
            return "the host list is not host[:port] (port 1-65535), separated by commas" + ENCODING_HINT;
        }
        return "the database name may not contain '/', '@' or '#'" + ENCODING_HINT;
    }

    private static int indexOfWhitespace(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Masks secrets in any text that may contain a URL: everything between {@code scheme://user:} and the last
     * {@code @} of the same word, and the values of secret-bearing parameters ({@code password=}, {@code sslpassword=},
     * ...). A safety net for messages that are not lumen-db's own; lumen-db's messages never quote URLs.
     *
     * @param text a URL or a message containing one
     * @return the text with secrets replaced by {@code ****}
     */
    public static String mask(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int from = 0;
        for (int scheme = text.indexOf("://"); scheme >= 0; scheme = text.indexOf("://", from)) {
            int start = scheme + 3;
            int tokenEnd = indexOfWhitespace(text, start);
            int end = tokenEnd < 0 ? text.length() : tokenEnd;
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            if (at > start && colon > 0 && colon < at) {
                out.append(text, from, colon + 1).append("****");
                from = at;
            } else {
                out.append(text, from, start);
                from = start;
            }
        }
        out.append(text.substring(from));
        return DriverParameters.maskParameters(out.toString());
    }

    /** The password is masked. */
    @Override
    public String toString() {
        return "PostgresUrl[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=" + password + ", secretParameters="
                + secretParameters + "]";
    }

    private static String decode(String text) {
        try {
            return java.net.URLDecoder.decode(text.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static ConfigurationException invalid(String why) {
        return new ConfigurationException(ConfigKey.URL.property(),
                ConfigKey.URL.property() + " is not a PostgreSQL URL: " + why);
    }
}
