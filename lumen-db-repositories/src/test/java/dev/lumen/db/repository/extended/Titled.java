package dev.lumen.db.repository.extended;

import org.jspecify.annotations.Nullable;

/** Implemented by the generated {@code ParcelsRecord} through {@code <recordImplements>}: a default method on top. */
public interface Titled {

    /**
     * The label; the record's generated getter.
     *
     * @return the label, or {@code null}
     */
    @Nullable Label getLabel();

    /**
     * The label's title.
     *
     * @return the title, or {@code ""} without a label
     */
    default String title() {
        Label label = getLabel();
        return label == null ? "" : label.title();
    }
}
