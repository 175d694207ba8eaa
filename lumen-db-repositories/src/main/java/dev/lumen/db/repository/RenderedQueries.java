package dev.lumen.db.repository;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.statement.RenderedQuery;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.Field;
import org.jooq.Query;
import org.jspecify.annotations.Nullable;

/**
 * One repository's queries rendered once per shape (see {@link RenderedQuery}). Shapes are few (a method, a
 * visibility, which filter values are set, a sort); past {@link #MAX_SHAPES} new shapes are rendered every time
 * rather than remembered, so a caller producing endless shapes cannot grow memory.
 */
final class RenderedQueries {

    static final int MAX_SHAPES = 1_024;

    private final Map<Object, Optional<RenderedQuery>> byShape = new ConcurrentHashMap<>();

    /**
     * The rendered query for a shape, or {@code null} when the query uses types the direct path does not bind.
     * Callers check {@link RenderedQuery#runsDirectly} first.
     *
     * <p>SQL is rendered with the settings of the first scope that needs a shape; lumen-db's scopes all share
     * one configuration.
     */
    @Nullable RenderedQuery get(DbScope scope, Object shape, Supplier<? extends Query> template, Field<?>[] resultFields) {
        Optional<RenderedQuery> rendered = byShape.get(shape);
        if (rendered == null) {
            rendered = Optional.ofNullable(RenderedQuery.render(scope.dsl(), template.get(), resultFields));
            if (byShape.size() < MAX_SHAPES) {
                byShape.putIfAbsent(shape, rendered);
            }
        }
        return rendered.orElse(null);
    }

    /** Shapes remembered (for tests of the bound). */
    int size() {
        return byShape.size();
    }
}
