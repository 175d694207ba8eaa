package dev.lumen.db.repository;

import dev.lumen.db.core.DbScope;
import dev.lumen.db.core.error.InvalidInputException;
import dev.lumen.db.core.error.NotFoundException;
import dev.lumen.db.core.statement.RecordFactory;
import dev.lumen.db.core.statement.RenderedQuery;
import dev.lumen.db.core.statement.RowMaker;
import dev.lumen.db.runtime.SoftDeleteTable;
import dev.lumen.db.runtime.TimestampedTable;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.OrderField;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.ResultQuery;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Everything a table with a single-column primary key needs, as one SQL statement per method. Tables that soft-delete
 * (generated as {@link SoftDeleteTable}: lumen-db's generator does so for a {@code deleted_at timestamptz} column)
 * get soft delete: {@link #delete} stamps the column, {@link #restore} clears it, and every read hides such rows
 * unless asked for them with {@link Visibility}.
 *
 * <p>Every method takes the {@link DbScope} it runs in: pass a {@code LumenDb} for a single auto-committed
 * statement, or a {@code Tx} to make it part of a transaction. Values come back as immutable records.
 *
 * <p>Each method's SQL is rendered by jOOQ once per shape (visibility, the columns set, which filter values are
 * set, the sort) and then only bound and executed ({@link RenderedQuery}); metrics, error translation and N+1
 * detection see those statements as they see any other.
 *
 * <pre>{@code
 * TableRepository<OrdersRecord, Order, UUID> orders = TableRepository.forTable(ORDERS, ORDERS.ID, Order.class);
 * Order order = orders.insert(db, new OrdersRecord().setCustomer("ada"));
 * }</pre>
 *
 * @param <R>  the generated record type
 * @param <T>  the immutable value type returned
 * @param <ID> the primary key type
 */
public class TableRepository<R extends UpdatableRecord<R>, T, ID> {

    private final Table<R> table;
    private final TableField<R, ID> id;
    private final String entity;
    private final RecordMapper<? super R, ? extends T> mapper;
    private final List<SortKey> sortKeys;
    private final List<SortField<?>> keysetOrder;
    private final List<Field<?>> keysetFields;
    private final @Nullable Field<OffsetDateTime> deletedAt;
    private final RenderedQueries rendered = new RenderedQueries();
    private final RecordFactory<R> records;
    /** Rows to values on the direct path: straight from the columns for generated POJOs, else via records. */
    private final RowMaker<T> rows;
    private final int idIndex;

    /**
     * Creates a repository.
     *
     * @param table    the generated table
     * @param id       its primary key column
     * @param entity   a singular name for messages, for example {@code user}
     * @param mapper   turns a record into the returned value
     * @param sortKeys the keys clients may sort by (declared names; see {@link SortKey})
     * @param keyset   the order of keyset pages (the primary key is appended as the tiebreaker)
     */
    protected TableRepository(Table<R> table, TableField<R, ID> id, String entity,
            RecordMapper<? super R, ? extends T> mapper, Collection<? extends SortKey> sortKeys, Sort keyset) {
        this.table = table;
        this.id = id;
        this.entity = entity;
        this.mapper = mapper;
        this.sortKeys = List.copyOf(sortKeys);
        if (this.sortKeys.stream().map(SortKey::key).distinct().count() != this.sortKeys.size()) {
            throw new IllegalArgumentException("Two sort keys of " + table.getName() + " share a name: "
                    + this.sortKeys.stream().map(SortKey::key).toList());
        }
        this.keysetOrder = withTiebreaker(keyset.orders().stream().map(TableRepository::sortField).toList());
        this.keysetFields = keysetOrder.stream().<Field<?>>map(f -> table.field(f.getName())).toList();
        this.deletedAt = deletedAtColumn(table);
        this.records = RecordFactory.of(table);
        this.rows = rowMaker(mapper, records);
        this.idIndex = table.indexOf(id);
    }

    /** The generated table says which column it soft-deletes by; no column is looked up by name. */
    private static @Nullable Field<OffsetDateTime> deletedAtColumn(Table<?> table) {
        return table instanceof SoftDeleteTable<?> soft ? soft.deletedAtColumn() : null;
    }

    /**
     * A repository for any generated table with a single-column primary key, sortable only by the default keys
     * ({@link #defaultSortKeys}: {@code id} and, when the table has one, {@code created_at}); keyset pages go by
     * primary key; rows map to {@code valueType} (typically the generated POJO record). Other columns, secrets such
     * as a password hash above all, become sortable only when declared with
     * {@link #forTable(Table, TableField, Class, Collection)}.
     *
     * @param table     the generated table
     * @param id        its primary key column
     * @param valueType the returned type
     * @param <R>       the record type
     * @param <T>       the value type
     * @param <ID>      the key type
     * @return the repository
     */
    public static <R extends UpdatableRecord<R>, T, ID> TableRepository<R, T, ID> forTable(Table<R> table,
            TableField<R, ID> id, Class<T> valueType) {
        return forTable(table, id, valueType, defaultSortKeys(table, id));
    }

    /**
     * A repository for any generated table with a single-column primary key, sortable by exactly the declared
     * keys, for example {@code List.of(SortKey.of("name", ORDERS.NAME), SortKey.of("total", ORDERS.TOTAL))}.
     *
     * @param table     the generated table
     * @param id        its primary key column
     * @param valueType the returned type
     * @param sortKeys  the public sort keys (their names are API: declare them, never derive them from columns)
     * @param <R>       the record type
     * @param <T>       the value type
     * @param <ID>      the key type
     * @return the repository
     */
    public static <R extends UpdatableRecord<R>, T, ID> TableRepository<R, T, ID> forTable(Table<R> table,
            TableField<R, ID> id, Class<T> valueType, Collection<? extends SortKey> sortKeys) {
        return new TableRepository<>(table, id, table.getName(), mapperTo(table, valueType), sortKeys, Sort.unsorted());
    }

    /**
     * The sort keys {@link #forTable(Table, TableField, Class)} offers: {@code id} for the primary key and
     * {@code created_at} for a column of that name, when the table has one. The names are fixed, whatever the
     * columns are called.
     *
     * @param table the table
     * @param id    its primary key
     * @return the keys
     */
    public static List<SortKey> defaultSortKeys(Table<?> table, Field<?> id) {
        List<SortKey> keys = new ArrayList<>();
        keys.add(SortKey.of("id", id));
        // A generated TimestampedTable names its creation column; other tables may still have one by that name.
        Field<?> created = table instanceof TimestampedTable<?> stamped ? stamped.createdAtColumn()
                : table.field("created_at");
        if (created != null && !created.equals(id)) {
            keys.add(SortKey.of("created_at", created));
        }
        return List.copyOf(keys);
    }

    /**
     * jOOQ's reflective mapper from a table's records to a value type (a generated POJO or any record or class
     * {@code Record.into} accepts), built once. {@code record.into(type)} would look it up for every row, and
     * build it anew for every row of a record that is not attached to a configuration. For the table's generated
     * POJO the repository's own methods skip the record altogether and call the POJO's constructor with the
     * column values.
     *
     * @param table the table
     * @param type  the value type
     * @param <R>   the record type
     * @param <T>   the value type
     * @return the mapper; thread-safe
     */
    protected static <R extends Record, T> RecordMapper<R, T> mapperTo(Table<R> table, Class<T> type) {
        return new PojoMapper<>(table, type);
    }

    @SuppressWarnings("unchecked")
    private static <R extends Record, T> RowMaker<T> rowMaker(RecordMapper<? super R, ? extends T> mapper,
            RecordFactory<R> records) {
        if (mapper instanceof PojoMapper<?, ?> pojo && pojo.values() != null) {
            return (RowMaker<T>) pojo.values();
        }
        return (configuration, values) -> mapper.map(records.row(configuration, values));
    }

    /**
     * The generated table.
     *
     * @return the table
     */
    protected final Table<R> table() {
        return table;
    }

    /**
     * The keys clients may sort by.
     *
     * @return the allow-list
     */
    public final List<SortKey> sortKeys() {
        return sortKeys;
    }

    /**
     * Whether the table soft-deletes.
     *
     * @return true when the table is a {@link SoftDeleteTable}
     */
    public final boolean softDeletes() {
        return deletedAt != null;
    }

    /**
     * Finds a live row by primary key.
     *
     * @param scope where to run
     * @param key   the primary key
     * @return the value, or empty when absent or soft-deleted
     */
    public Optional<T> find(DbScope scope, ID key) {
        return find(scope, key, Visibility.LIVE);
    }

    /**
     * Finds a row by primary key.
     *
     * @param scope      where to run
     * @param key        the primary key
     * @param visibility which rows count
     * @return the value, if any
     */
    public Optional<T> find(DbScope scope, ID key, Visibility visibility) {
        List<T> rows = fetchValues(scope, FIND_SHAPES.get(visibility), new Object[] {key},
                binds -> scope.dsl().selectFrom(table).where(id.eq(binds.value(id, key))).and(visible(visibility)));
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
    }

    /** The kinds of statement this class renders, as the first part of their shape keys. */
    private enum Shape {
        FIND, INSERT, UPDATE, DELETE, LIST, KEYSET
    }

    private static final Map<Visibility, Object> FIND_SHAPES = Arrays.stream(Visibility.values())
            .collect(Collectors.toUnmodifiableMap(v -> v, v -> List.of(Shape.FIND, v)));

    /** The set columns of a record: which (the shape of an insert or update) and their values, in table order. */
    private record Changes(BitSet which, List<Field<?>> columns, @Nullable Object[] values) {
    }

    /**
     * Gets a live row by primary key.
     *
     * @param scope where to run
     * @param key   the primary key
     * @return the value
     * @throws NotFoundException when absent or soft-deleted
     */
    public T get(DbScope scope, ID key) {
        return find(scope, key).orElseThrow(() -> notFound(key));
    }

    /**
     * Whether a live row with this key exists.
     *
     * @param scope where to run
     * @param key   the primary key
     * @return true when present
     */
    public boolean exists(DbScope scope, ID key) {
        return scope.dsl().fetchExists(table, id.eq(key).and(visible(Visibility.LIVE)));
    }

    /**
     * Counts live rows matching a filter.
     *
     * @param scope  where to run
     * @param filter the filter
     * @return the count
     */
    public long count(DbScope scope, Filter filter) {
        return count(scope, filter, Visibility.LIVE);
    }

    /**
     * Counts rows matching a filter.
     *
     * @param scope      where to run
     * @param filter     the filter
     * @param visibility which rows count
     * @return the count
     */
    public long count(DbScope scope, Filter filter, Visibility visibility) {
        FilterShapes.of(filter); // the same bounds on its text as list()
        return scope.dsl().fetchCount(table, filter.condition().and(visible(visibility)));
    }

    /**
     * Inserts a row and returns it as stored, with the database's defaults (id, timestamps) filled in.
     *
     * @param scope  where to run
     * @param values a record with the columns to set (unset columns get their defaults)
     * @return the stored value
     */
    public T insert(DbScope scope, R values) {
        Changes changed = changes(values, false);
        List<T> rows = fetchValues(scope, List.of(Shape.INSERT, changed.which()), changed.values(), binds -> changed.columns().isEmpty()
                ? scope.dsl().insertInto(table).defaultValues().returning(table.fields())
                : scope.dsl().insertInto(table).set(values(binds, changed)).returning(table.fields()));
        return rows.getFirst();
    }

    /**
     * Inserts many rows in a few round trips with PostgreSQL's COPY. Every row must set the same columns; the
     * others get their defaults. Generated values are not returned: use {@link #insert} when you need them.
     *
     * @param scope where to run (inside a transaction the rows commit with it)
     * @param rows  the rows
     * @return rows inserted
     */
    public long insertAll(DbScope scope, Collection<R> rows) {
        if (rows.isEmpty()) {
            return 0;
        }
        R first = rows.iterator().next();
        List<Field<?>> columns = changes(first, false).columns();
        if (columns.isEmpty()) {
            throw new InvalidInputException("insertAll needs rows that set at least one column", null, null);
        }
        return CopyInserter.copy(scope.dsl(), table, columns, rows);
    }

    /**
     * Updates the set columns of a live row.
     *
     * @param scope   where to run
     * @param key     the primary key
     * @param changes a record with the columns to change (the key column is ignored)
     * @return the updated value
     * @throws NotFoundException     when absent or soft-deleted
     * @throws InvalidInputException when nothing is set
     */
    public T update(DbScope scope, ID key, R changes) {
        Changes changed = changes(changes, true);
        if (changed.columns().isEmpty()) {
            throw new InvalidInputException("Nothing to update: no column of the " + entity + " was set", null, null);
        }
        Object[] arguments = Arrays.copyOf(changed.values(), changed.values().length + 1);
        arguments[changed.values().length] = key;
        List<T> rows = fetchValues(scope, List.of(Shape.UPDATE, changed.which()), arguments,
                binds -> scope.dsl().update(table).set(values(binds, changed))
                        .where(id.eq(binds.value(id, key))).and(visible(Visibility.LIVE))
                        .returning(table.fields()));
        if (rows.isEmpty()) {
            throw notFound(key);
        }
        return rows.getFirst();
    }

    /**
     * Deletes a row: soft (stamping {@code deleted_at}) when the table has that column, else for real.
     *
     * @param scope where to run
     * @param key   the primary key
     * @return true when a live row was deleted
     */
    public boolean delete(DbScope scope, ID key) {
        DSLContext dsl = scope.dsl();
        return execute(scope, Shape.DELETE, new Object[] {key}, binds -> deletedAt != null
                ? dsl.update(table).set(deletedAt, DSL.currentOffsetDateTime())
                        .where(id.eq(binds.value(id, key))).and(deletedAt.isNull())
                : dsl.deleteFrom(table).where(id.eq(binds.value(id, key)))) > 0;
    }

    /**
     * Brings back a soft-deleted row.
     *
     * @param scope where to run
     * @param key   the primary key
     * @return true when a deleted row was restored
     * @throws IllegalStateException when the table does not soft-delete
     */
    public boolean restore(DbScope scope, ID key) {
        if (deletedAt == null) {
            throw new IllegalStateException(table.getName() + " has no deleted_at column (it is no SoftDeleteTable):"
                    + " its deletes cannot be undone");
        }
        return scope.dsl().update(table).set(deletedAt, (OffsetDateTime) null)
                .where(id.eq(key)).and(deletedAt.isNotNull()).execute() > 0;
    }

    /**
     * An offset page of live rows.
     *
     * @param scope  where to run
     * @param filter the filter
     * @param sort   the order (allow-listed keys only)
     * @param page   the page
     * @return the page
     */
    public Page<T> list(DbScope scope, Filter filter, Sort sort, PageRequest page) {
        return list(scope, filter, sort, page, Visibility.LIVE);
    }

    /**
     * An offset page.
     *
     * @param scope      where to run
     * @param filter     the filter
     * @param sort       the order (allow-listed keys only)
     * @param page       the page
     * @param visibility which rows count
     * @return the page
     */
    public Page<T> list(DbScope scope, Filter filter, Sort sort, PageRequest page, Visibility visibility) {
        List<OrderField<?>> order = order(sort);
        FilterShapes.Key filterShape = FilterShapes.of(filter);
        List<T> rows = fetch(scope, filterShape == null ? null : List.of(Shape.LIST, filterShape, sort, visibility),
                null, filterShape != null && filterShape.handWritten(), this.rows, this::map,
                binds -> scope.dsl().selectFrom(table)
                        .where(filterShape == null ? filter.condition() : filter.condition(binds))
                        .and(visible(visibility))
                        .orderBy(order)
                        .limit(binds.value(SQLDataType.INTEGER, page.limit() + 1))
                        .offset(binds.value(SQLDataType.BIGINT, page.offset())));
        boolean hasNext = rows.size() > page.limit();
        return new Page<>(List.copyOf(rows.subList(0, Math.min(rows.size(), page.limit()))), page, hasNext);
    }

    /**
     * A keyset page of live rows in the repository's keyset order. Unlike offsets, the cost does not grow with
     * depth, and rows inserted meanwhile never shift later pages.
     *
     * @param scope   where to run
     * @param filter  the filter
     * @param request the cursor and limit
     * @return the page and the cursor of the next one
     */
    public KeysetPage<T> listKeyset(DbScope scope, Filter filter, KeysetRequest request) {
        String cursor = request.cursor();
        Object[] after = cursor == null ? null : KeysetCursor.decode(cursor, keysetFields);
        FilterShapes.Key filterShape = FilterShapes.of(filter);
        List<R> rows = fetch(scope, filterShape == null ? null : List.of(Shape.KEYSET, filterShape, after != null),
                null, filterShape != null && filterShape.handWritten(), records, record -> record, binds -> {
                    var ordered = scope.dsl().selectFrom(table)
                            .where(filterShape == null ? filter.condition() : filter.condition(binds))
                            .and(visible(Visibility.LIVE))
                            .orderBy(keysetOrder);
                    Field<Integer> limit = binds.value(SQLDataType.INTEGER, request.limit() + 1);
                    return after == null
                            ? ordered.limit(limit)
                            : ordered.seek(values(binds, keysetFields, after)).limit(limit);
                });
        boolean hasNext = rows.size() > request.limit();
        List<R> pageRows = rows.subList(0, Math.min(rows.size(), request.limit()));
        String next = hasNext ? KeysetCursor.encode(pageRows.get(pageRows.size() - 1), keysetFields) : null;
        return new KeysetPage<>(pageRows.stream().map(this::map).toList(), next);
    }

    /**
     * Runs a query of this repository's table: rendered once per shape and then only bound (the direct path), or
     * through jOOQ when the shape is {@code null}, the scope carries listeners that need jOOQ's path, or a type
     * needs jOOQ's own binding.
     *
     * @param scope where to run
     * @param shape a key equal for every call whose query renders the same SQL (the method and everything but
     *              the values), or {@code null}
     * @param query builds the query, with every value passed through the binds it is given
     * @return the rows
     */
    protected final List<R> fetch(DbScope scope, @Nullable Object shape, Function<Binds, ? extends ResultQuery<R>> query) {
        return fetch(scope, shape, null, false, records, record -> record, query);
    }

    /**
     * Like {@link #fetch(DbScope, Object, Function)} for a query whose values are known before it is built: once
     * its shape is rendered, the query is not even built again. {@code values} must be exactly what {@code query}
     * passes through its binds, in that order (checked when the shape is first rendered).
     *
     * @param scope  where to run
     * @param shape  a key equal for every call whose query renders the same SQL
     * @param values the values, in the order the query binds them
     * @param query  builds the query, with every value passed through the binds it is given
     * @return the rows
     */
    protected final List<R> fetch(DbScope scope, Object shape, @Nullable Object[] values,
            Function<Binds, ? extends ResultQuery<R>> query) {
        return fetch(scope, shape, values, false, records, record -> record, query);
    }

    /** Values straight from the rows (no jOOQ record on the direct path when the value type allows it). */
    private List<T> fetchValues(DbScope scope, @Nullable Object shape, @Nullable Object @Nullable [] values,
            Function<Binds, ? extends ResultQuery<R>> query) {
        return fetch(scope, shape, values, false, rows, this::map, query);
    }

    private <X> List<X> fetch(DbScope scope, @Nullable Object shape, @Nullable Object @Nullable [] values,
            boolean alwaysVerify, RowMaker<X> direct, Function<R, X> viaJooq,
            Function<Binds, ? extends ResultQuery<R>> query) {
        if (shape != null && RenderedQuery.runsDirectly(scope)) {
            Object[] arguments = values;
            RenderedQuery rendered;
            if (arguments == null) {
                Binds binds = Binds.placeholders();
                ResultQuery<R> template = query.apply(binds);
                arguments = binds.values();
                rendered = this.rendered.get(scope, shape, () -> template, table.fields(), alwaysVerify);
            } else {
                Object[] known = arguments;
                rendered = this.rendered.get(scope, shape, () -> template(query, known), table.fields(), alwaysVerify);
            }
            if (rendered != null) {
                return rendered.fetch(scope, direct, arguments);
            }
        }
        List<X> rows = new ArrayList<>();
        for (R record : query.apply(Binds.inline()).fetch()) {
            rows.add(viaJooq.apply(record));
        }
        return rows;
    }

    /**
     * Like {@link #execute(DbScope, Object, Function)} for a statement whose values are known before it is built.
     *
     * @param scope  where to run
     * @param shape  a key equal for every call whose statement renders the same SQL
     * @param values the values, in the order the statement binds them
     * @param query  builds the statement, with every value passed through the binds it is given
     * @return rows affected
     */
    protected final long execute(DbScope scope, Object shape, @Nullable Object[] values,
            Function<Binds, ? extends Query> query) {
        if (RenderedQuery.runsDirectly(scope)) {
            RenderedQuery rendered = this.rendered.get(scope, shape, () -> template(query, values), new Field<?>[0],
                    false);
            if (rendered != null) {
                return rendered.execute(scope, values);
            }
        }
        return query.apply(Binds.inline()).execute();
    }

    private static <Q extends Query> Q template(Function<Binds, ? extends Q> query, @Nullable Object[] values) {
        Binds binds = Binds.placeholders();
        Q template = query.apply(binds);
        if (!Arrays.equals(binds.values(), values)) {
            throw new IllegalStateException("The values given do not match the values the query binds");
        }
        return template;
    }

    /**
     * Runs a statement that returns no rows, like {@link #fetch}.
     *
     * @param scope where to run
     * @param shape a key equal for every call whose statement renders the same SQL, or {@code null}
     * @param query builds the statement, with every value passed through the binds it is given
     * @return rows affected
     */
    protected final long execute(DbScope scope, @Nullable Object shape, Function<Binds, ? extends Query> query) {
        if (shape != null && RenderedQuery.runsDirectly(scope)) {
            Binds binds = Binds.placeholders();
            Query template = query.apply(binds);
            RenderedQuery rendered = this.rendered.get(scope, shape, () -> template, new Field<?>[0], false);
            if (rendered != null) {
                return rendered.execute(scope, binds.values());
            }
        }
        return query.apply(Binds.inline()).execute();
    }

    /**
     * Maps a fetched record to the returned value.
     *
     * @param record the record
     * @return the value
     */
    protected final T map(R record) {
        return mapper.map(record);
    }

    /**
     * The condition selecting rows of a visibility.
     *
     * @param visibility which rows
     * @return the condition ({@code noCondition()} for tables without soft delete)
     */
    protected final Condition visible(Visibility visibility) {
        if (deletedAt == null) {
            return DSL.noCondition();
        }
        return switch (visibility) {
            case LIVE -> deletedAt.isNull();
            case DELETED -> deletedAt.isNotNull();
            case ALL -> DSL.noCondition();
        };
    }

    /**
     * The exception for a missing row.
     *
     * @param key the key looked for
     * @return the exception
     */
    protected final NotFoundException notFound(Object key) {
        return new NotFoundException(entity, "id " + key);
    }

    /** Each set column's value passed through the binds, for {@code set}. */
    @SuppressWarnings("unchecked")
    private static Map<Field<?>, Field<?>> values(Binds binds, Changes changes) {
        Map<Field<?>, Field<?>> bound = new LinkedHashMap<>();
        for (int i = 0; i < changes.columns().size(); i++) {
            Field<?> column = changes.columns().get(i);
            bound.put(column, binds.value((Field<Object>) column, changes.values()[i]));
        }
        return bound;
    }

    /** Values of columns, in order, passed through the binds. */
    @SuppressWarnings("unchecked")
    private static Field<?>[] values(Binds binds, List<Field<?>> columns, Object[] values) {
        Field<?>[] bound = new Field<?>[columns.size()];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = binds.value((Field<Object>) columns.get(i), values[i]);
        }
        return bound;
    }

    private List<OrderField<?>> order(Sort sort) {
        List<SortField<?>> fields = new ArrayList<>();
        for (Sort.Order order : sort.orders()) {
            if (!sortKeys.contains(order.key())) {
                throw Sort.unknown(order.key().key(), sortKeys);
            }
            fields.add(sortField(order));
        }
        return new ArrayList<>(withTiebreaker(fields));
    }

    private List<SortField<?>> withTiebreaker(List<SortField<?>> fields) {
        List<SortField<?>> all = new ArrayList<>(fields);
        if (all.stream().noneMatch(f -> f.getName().equals(id.getName()))) {
            boolean descending = !all.isEmpty() && all.getLast().getOrder() == org.jooq.SortOrder.DESC;
            all.add(descending ? id.desc() : id.asc());
        }
        return List.copyOf(all);
    }

    private static SortField<?> sortField(Sort.Order order) {
        return order.direction() == Sort.Direction.DESC ? order.key().field().desc() : order.key().field().asc();
    }

    /** By index: the record is of this table, so its fields are the table's, in order. */
    private Changes changes(R record, boolean skipKey) {
        Field<?>[] fields = table.fields();
        BitSet which = new BitSet(fields.length);
        List<Field<?>> columns = new ArrayList<>(fields.length);
        List<@Nullable Object> values = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) {
            if (record.changed(i) && !(skipKey && i == idIndex)) {
                Object value = record.get(i);
                Texts.checkWritten(fields[i], value);
                which.set(i);
                columns.add(fields[i]);
                values.add(value);
            }
        }
        return new Changes(which, columns, values.toArray());
    }

    /** How many query shapes this repository remembers (bounded by {@link RenderedQueries#MAX_SHAPES}). */
    final int rememberedShapes() {
        return rendered.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + table.getName() + "]";
    }
}
