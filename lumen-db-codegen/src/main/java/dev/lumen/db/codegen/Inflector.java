package dev.lumen.db.codegen;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.atteo.evo.inflector.English;

/**
 * English singulars of table names for POJO class names: {@code users} -> {@code user}, {@code addresses} ->
 * {@code address}, {@code categories} -> {@code category}, {@code news} -> {@code news}, {@code people} ->
 * {@code person}. Only the last word of a {@code snake_case} name changes ({@code user_roles} -> {@code user_role}).
 *
 * <p>The evo-inflector library knows English plurals (Conway's algorithm, irregular and uncountable nouns) but not
 * singulars, so a singular is a candidate whose plural is the word: candidates come from undoing the common plural
 * endings, and the first whose plural matches wins. A word whose plural is itself (uncountable) stays, and so does
 * a word no candidate explains.
 */
public final class Inflector {

    /** Whole words the inflector's plurals do not explain (it says "persons" for "person"). */
    private static final Map<String, String> IRREGULAR = Map.of("people", "person", "children", "child",
            "men", "man", "women", "woman", "feet", "foot", "teeth", "tooth", "geese", "goose", "mice", "mouse");

    /** Plural ending -> singular ending, most specific first: the first candidate whose plural matches wins. */
    private static final List<String[]> ENDINGS = List.of(
            new String[] {"ices", "ex"}, new String[] {"ices", "ix"}, new String[] {"ies", "y"},
            new String[] {"ves", "f"}, new String[] {"ves", "fe"}, new String[] {"oes", "o"},
            new String[] {"yses", "ysis"}, new String[] {"eses", "esis"}, new String[] {"oses", "osis"},
            new String[] {"sses", "ss"}, new String[] {"uses", "us"}, new String[] {"xes", "x"},
            new String[] {"zzes", "z"}, new String[] {"zes", "z"}, new String[] {"ches", "ch"},
            new String[] {"shes", "sh"}, new String[] {"i", "us"}, new String[] {"a", "um"}, new String[] {"a", "on"},
            new String[] {"es", "e"}, new String[] {"s", ""});

    /** Plurals in everyday English ({@code indexes}) and in the classical forms ({@code indices}) both count. */
    private static final English EVERYDAY = new English(English.MODE.ENGLISH_ANGLICIZED);
    private static final English CLASSICAL = new English(English.MODE.ENGLISH_CLASSICAL);

    private Inflector() {
    }

    /**
     * The singular of a table name.
     *
     * @param tableName a name such as {@code new_features}
     * @return the name with its last word in the singular, such as {@code new_feature}
     */
    public static String singular(String tableName) {
        int cut = Math.max(tableName.lastIndexOf('_'), Math.max(tableName.lastIndexOf('-'), tableName.lastIndexOf(' ')));
        String head = tableName.substring(0, cut + 1);
        String last = tableName.substring(cut + 1);
        return head + singularWord(last);
    }

    static String singularWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() < 2 || !lower.chars().allMatch(Character::isLetter)) {
            return word;
        }
        String irregular = IRREGULAR.get(lower);
        if (irregular != null) {
            return irregular;
        }
        if (isOwnPlural(lower)) {
            return word; // uncountable: news, series, equipment
        }
        for (String[] ending : ENDINGS) {
            if (!lower.endsWith(ending[0])) {
                continue;
            }
            int stem = lower.length() - ending[0].length();
            String candidate = lower.substring(0, stem) + ending[1];
            if (!candidate.isEmpty() && isPluralOf(lower, candidate) && !singularLooksPlural(lower, candidate)) {
                return word.substring(0, stem) + ending[1];
            }
        }
        return word;
    }

    /**
     * A word that is already singular can still be the "plural" of a shorter candidate ({@code status} of
     * {@code statu}, {@code address} of {@code addres}): such endings are kept.
     */
    private static boolean singularLooksPlural(String word, String candidate) {
        return (word.endsWith("ss") || word.endsWith("us") || word.endsWith("is")) && word.startsWith(candidate);
    }

    private static boolean isOwnPlural(String word) {
        return EVERYDAY.getPlural(word).toLowerCase(Locale.ROOT).equals(word);
    }

    private static boolean isPluralOf(String plural, String candidate) {
        return EVERYDAY.getPlural(candidate).toLowerCase(Locale.ROOT).equals(plural)
                || CLASSICAL.getPlural(candidate).toLowerCase(Locale.ROOT).equals(plural);
    }
}
