package dev.lumen.db.maven;

import java.util.List;
import java.util.Optional;

/**
 * One element of a codegen XML file, with the line it starts on, so that every complaint can name file and line.
 *
 * @param name     the local name
 * @param path     slash-separated names from the root, for example {@code /configuration/generator/database}
 * @param line     line of the start tag
 * @param text     the element's text, trimmed ({@code ""} for elements with children)
 * @param children child elements, in order
 */
record XmlElement(String name, String path, int line, String text, List<XmlElement> children) {

    XmlElement {
        children = List.copyOf(children);
    }

    /** The first child of this name. */
    Optional<XmlElement> child(String childName) {
        return children.stream().filter(c -> c.name().equals(childName)).findFirst();
    }

    /** Every element below this one (not this one), depth first. */
    List<XmlElement> descendants() {
        return children.stream().flatMap(c -> java.util.stream.Stream.concat(java.util.stream.Stream.of(c),
                c.descendants().stream())).toList();
    }
}
