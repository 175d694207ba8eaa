package dev.lumen.db.maven;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.ValidatorHandler;
import org.jooq.codegen.GenerationTool;
import org.jooq.meta.jaxb.Configuration;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;
import org.xml.sax.helpers.XMLFilterImpl;

/**
 * A jOOQ codegen XML file ({@code jooq-codegen-maven}'s and {@code GenerationTool}'s format), checked against the
 * XSD in the jooq-meta jar so that an unknown element fails with file and line, then loaded with jOOQ's own loader.
 *
 * @param file          the file
 * @param bytes         its content, for the fingerprint
 * @param root          its elements, with lines
 * @param configuration what jOOQ reads from it
 */
record JooqConfigFile(Path file, byte[] bytes, XmlElement root, Configuration configuration) {

    /** Any version of jOOQ's codegen namespace (or none) is read as the version in the jar, as jOOQ itself does. */
    private static final String NAMESPACE_PREFIX = "http://www.jooq.org/xsd/jooq-codegen-";

    /**
     * Reads and validates a file.
     *
     * @param file the codegen XML
     * @return the file
     * @throws SchemaGenerationException naming file, line and element when it is not valid jOOQ codegen XML
     */
    static JooqConfigFile read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SchemaGenerationException("Cannot read the jOOQ configuration " + file + ": " + e.getMessage(), e);
        }
        XmlElement root = validate(file, bytes);
        if (!root.name().equals("configuration")) {
            throw new SchemaGenerationException(file + ":" + root.line() + ": the root element must be <configuration>"
                    + " (jOOQ's codegen XML, " + org.jooq.Constants.NS_CODEGEN + "), not <" + root.name() + ">.");
        }
        Configuration configuration;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            configuration = GenerationTool.load(in);
        } catch (IOException | RuntimeException e) {
            throw new SchemaGenerationException(file + ": jOOQ cannot load this configuration: " + e.getMessage(), e);
        }
        return new JooqConfigFile(file, bytes, root, configuration);
    }

    /** A place in the file, for messages. */
    String at(XmlElement element) {
        return file + ":" + element.line();
    }

    private static XmlElement validate(Path file, byte[] bytes) {
        TreeBuilder tree = new TreeBuilder();
        NamespaceFilter filter = new NamespaceFilter();
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            XMLReader reader = factory.newSAXParser().getXMLReader();
            ValidatorHandler validator = schema().newValidatorHandler();
            validator.setContentHandler(tree);
            validator.setErrorHandler(new Failing(file, filter));
            filter.setParent(reader);
            filter.setContentHandler(validator);
            filter.setErrorHandler(new Failing(file, filter));
            InputSource source = new InputSource(new ByteArrayInputStream(bytes));
            source.setSystemId(file.toUri().toString());
            filter.parse(source);
        } catch (Invalid e) {
            throw new SchemaGenerationException(e.getMessage());
        } catch (SAXException | ParserConfigurationException | IOException e) {
            throw new SchemaGenerationException(file + ": not readable as XML: " + e.getMessage(), e);
        }
        return tree.root();
    }

    private static Schema schema() throws SAXException {
        var xsd = JooqConfigFile.class.getResource(org.jooq.Constants.CP_CODEGEN);
        if (xsd == null) {
            throw new IllegalStateException("jooq-meta's " + org.jooq.Constants.CP_CODEGEN + " is not on the classpath");
        }
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        return factory.newSchema(xsd);
    }

    /** A validation failure, already worded for the build output. */
    private static final class Invalid extends SAXException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Fails on the first error, naming the element being read. */
    private record Failing(Path file, NamespaceFilter filter) implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
            // warnings (none in jOOQ's XSD) do not stop the build
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            String element = filter.open.isEmpty() ? "" : " <" + filter.open.peek() + ">"
                    + (filter.open.size() > 1 ? " in <" + filter.open.stream().skip(1).findFirst().orElseThrow() + ">" : "");
            String message = String.valueOf(e.getMessage());
            // Xerces lists every element it would have accepted; the element and the XSD's name are what helps.
            String reason = message.contains("Invalid content was found starting with element")
                    ? "no such element there" : message.replace("{\"" + org.jooq.Constants.NS_CODEGEN + "\":", "{");
            throw new Invalid(file + ":" + e.getLineNumber() + ":" + element + " is not valid jOOQ codegen XML ("
                    + org.jooq.Constants.XSD_CODEGEN + "): " + reason);
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            error(e);
        }
    }

    /** Reads any jOOQ codegen namespace (or none) as the jar's, and remembers the open elements. */
    private static final class NamespaceFilter extends XMLFilterImpl {
        final Deque<String> open = new ArrayDeque<>();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            open.push(localName);
            super.startElement(namespace(uri), localName, localName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            super.endElement(namespace(uri), localName, localName);
            open.pop();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            super.startPrefixMapping(prefix, namespace(uri));
        }

        private static String namespace(String uri) {
            return uri.isEmpty() || uri.startsWith(NAMESPACE_PREFIX) ? org.jooq.Constants.NS_CODEGEN : uri;
        }
    }

    /** Builds the element tree with start lines. */
    private static final class TreeBuilder extends DefaultHandler {
        private record Open(String name, String path, int line, StringBuilder text, List<XmlElement> children) {
        }

        private final Deque<Open> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        @Override
        public void setDocumentLocator(Locator value) {
            locator = value;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            String path = (open.isEmpty() ? "" : open.peek().path()) + "/" + localName;
            open.push(new Open(localName, path, locator == null ? 0 : locator.getLineNumber(), new StringBuilder(),
                    new ArrayList<>()));
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().text().append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            Open done = open.pop();
            XmlElement element = new XmlElement(done.name(), done.path(), done.line(),
                    done.children().isEmpty() ? done.text().toString().trim() : "", done.children());
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().children().add(element);
            }
        }

        XmlElement root() {
            return root;
        }
    }
}
