package dev.lumen.db.codegen;

import dev.lumen.db.runtime.SoftDeletable;
import dev.lumen.db.runtime.SoftDeleteTable;
import dev.lumen.db.runtime.Timestamped;
import dev.lumen.db.runtime.TimestampedTable;
import java.util.ArrayList;
import java.util.List;
import org.jooq.codegen.AbstractDelegatingGeneratorStrategy;
import org.jooq.codegen.DefaultGeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.meta.Definition;
import org.jooq.meta.TableDefinition;

/**
 * Wraps whatever strategy the configuration names (jOOQ's default, matchers, or a class of yours) and adds lumen-db's
 * customisations on top: the runtime interfaces in {@code implements} clauses and singular POJO names. A POJO name
 * the wrapped strategy chose itself (a matcher's {@code pojoClass}, a custom strategy) is kept.
 */
public class LumenGeneratorStrategy extends AbstractDelegatingGeneratorStrategy {

    /** What a plain strategy would name things, to tell a name the wrapped strategy chose from the default. */
    private final DefaultGeneratorStrategy plain = new DefaultGeneratorStrategy();

    /**
     * Wraps a strategy.
     *
     * @param delegate the configured strategy
     */
    public LumenGeneratorStrategy(GeneratorStrategy delegate) {
        super(delegate);
    }

    @Override
    public String getJavaIdentifier(Definition definition) {
        return delegate.getJavaIdentifier(definition);
    }

    @Override
    public String getJavaSetterName(Definition definition, Mode mode) {
        return delegate.getJavaSetterName(definition, mode);
    }

    @Override
    public String getJavaGetterName(Definition definition, Mode mode) {
        return delegate.getJavaGetterName(definition, mode);
    }

    @Override
    public String getJavaMethodName(Definition definition, Mode mode) {
        return delegate.getJavaMethodName(definition, mode);
    }

    @Override
    public String getJavaPackageName(Definition definition, Mode mode) {
        return delegate.getJavaPackageName(definition, mode);
    }

    @Override
    public String getJavaMemberName(Definition definition, Mode mode) {
        return delegate.getJavaMemberName(definition, mode);
    }

    @Override
    public String getJavaClassName(Definition definition, Mode mode) {
        String name = delegate.getJavaClassName(definition, mode);
        if (mode != Mode.POJO || !(definition instanceof TableDefinition table)) {
            return name;
        }
        LumenOptions options = LumenOptions.of(definition.getDatabase());
        String override = options.pojoNames().get(table.getName());
        if (override != null) {
            return override;
        }
        if (!options.inflector() || !name.equals(plain.getJavaClassName(definition, mode))) {
            return name;
        }
        String singular = table.getOutputName().replace(table.getName(), Inflector.singular(table.getName()));
        return org.jooq.tools.StringUtils.toCamelCase(singular.replace(' ', '_').replace('-', '_').replace('.', '_'));
    }

    @Override
    public List<String> getJavaClassImplements(Definition definition, Mode mode) {
        List<String> interfaces = delegate.getJavaClassImplements(definition, mode);
        if (!(definition instanceof TableDefinition table) || table.isTableValuedFunction()) {
            return interfaces;
        }
        LumenOptions options = LumenOptions.of(definition.getDatabase());
        List<String> all = new ArrayList<>(interfaces);
        switch (mode) {
            case RECORD, POJO -> {
                addIf(all, LumenColumns.softDeletes(options, table), SoftDeletable.class.getName());
                addIf(all, LumenColumns.timestamped(options, table), Timestamped.class.getName());
            }
            case DEFAULT -> {
                String record = getFullJavaClassName(definition, Mode.RECORD);
                addIf(all, LumenColumns.softDeletes(options, table),
                        SoftDeleteTable.class.getName() + "<" + record + ">");
                addIf(all, LumenColumns.timestamped(options, table),
                        TimestampedTable.class.getName() + "<" + record + ">");
            }
            default -> {
            }
        }
        return all;
    }

    private static void addIf(List<String> interfaces, boolean condition, String name) {
        if (condition && !interfaces.contains(name)) {
            interfaces.add(name);
        }
    }
}
