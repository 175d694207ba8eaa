package dev.lumen.db.maven;

import java.util.regex.Pattern;

/** Masks secrets in JDBC URLs before they reach a log line or an exception message. */
final class JdbcUrls {

    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?]*):[^@/?]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;](?:password|sslpassword)=)[^&;]*");

    private JdbcUrls() {
    }

    /**
     * Replaces passwords in {@code user:secret@host} and {@code ?password=secret} forms with {@code ****}.
     *
     * @param url a JDBC URL
     * @return the URL without secrets
     */
    static String mask(String url) {
        String masked = USER_INFO.matcher(url).replaceAll("$1:****@");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1****");
    }
}
