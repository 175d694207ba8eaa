package dev.lumen.db.lint;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jooq.Name;

/** PostgreSQL identifier folding: unquoted names are lower case, quoted names keep their case. */
final class Identifiers {

    private Identifiers() {
    }

    /**
     * The name of the last part of a possibly qualified name, folded as PostgreSQL folds it.
     *
     * @param name a parsed name
     * @return {@code users} for {@code Users}, {@code Users} for {@code "Users"}
     */
    static String last(Name name) {
        Name[] parts = name.parts();
        return parts.length == 0 ? "" : fold(parts[parts.length - 1]);
    }

    /**
     * All parts of a name, folded and joined with dots.
     *
     * @param name a parsed name
     * @return for example {@code public.users}
     */
    static String qualified(Name name) {
        return Arrays.stream(name.parts()).map(Identifiers::fold).collect(Collectors.joining("."));
    }

    private static String fold(Name part) {
        String text = part.first();
        if (text == null) {
            return "";
        }
        return part.quoted() == Name.Quoted.QUOTED ? text : text.toLowerCase(Locale.ROOT);
    }
}
