package org.smtpreference.quality;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.thaiopensource.relaxng.impl.CombineValidator;
import com.thaiopensource.util.PropertyMap;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.Schema;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.Validator;
import com.thaiopensource.validate.prop.rng.RngProperty;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import com.thaiopensource.xml.sax.Jaxp11XMLReaderCreator;
import nu.validator.checker.jing.CheckerSchema;
import nu.validator.htmlparser.common.Heuristics;
import nu.validator.htmlparser.common.XmlViolationPolicy;
import nu.validator.htmlparser.sax.HtmlParser;
import nu.validator.localentities.LocalCacheEntityResolver;
import nu.validator.xml.NullEntityResolver;
import nu.validator.xml.customelements.NamespaceChangingSchemaWrapper;
import nu.validator.xml.dataattributes.DataAttributeDroppingSchemaWrapper;
import nu.validator.xml.langattributes.XmlLangAttributeDroppingSchemaWrapper;
import nu.validator.xml.roleattributes.RoleAttributeFilteringSchemaWrapper;
import nu.validator.xml.templateelement.TemplateElementDroppingSchemaWrapper;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The Nu HTML Checker (the engine behind validator.w3.org/nu) run in-process: the HTML
 * parser, the HTML schema its command-line client uses and its checkers; reports errors
 * only, as "line N: message".
 * <p>
 * Assembled here rather than through {@code SimpleDocumentValidator}, which always adds
 * the language detector: its profiles load through the Jetty 9 JSON API, and Spring Boot
 * manages Jetty at 12, where that method is gone. The detector only ever warns, so the
 * errors found are the same.
 */
final class HtmlChecker {

	private static final String SCHEMA = "http://s.validator.nu/html5-all.rnc";

	private static final List<CheckerSchema> CHECKERS = List.of(CheckerSchema.ASSERTION_SCH,
			CheckerSchema.TABLE_CHECKER, CheckerSchema.CONFORMING_BUT_OBSOLETE_WARNER, CheckerSchema.MICRODATA_CHECKER,
			CheckerSchema.NORMALIZATION_CHECKER, CheckerSchema.TEXT_CONTENT_CHECKER,
			CheckerSchema.UNCHECKED_SUBTREE_WARNER, CheckerSchema.UNSUPPORTED_CHECKER, CheckerSchema.USEMAP_CHECKER,
			CheckerSchema.XML_PI_CHECKER);

	private final List<String> errors = new ArrayList<>();

	private final Validator validator;

	private final HtmlParser parser;

	HtmlChecker() {
		ErrorHandler handler = new Collector();
		LocalCacheEntityResolver resolver = new LocalCacheEntityResolver(new NullEntityResolver());
		resolver.setAllowRnc(true);
		PropertyMapBuilder builder = new PropertyMapBuilder();
		builder.put(ValidateProperty.ERROR_HANDLER, handler);
		builder.put(ValidateProperty.ENTITY_RESOLVER, resolver);
		builder.put(ValidateProperty.XML_READER_CREATOR, new Jaxp11XMLReaderCreator());
		RngProperty.CHECK_ID_IDREF.add(builder);
		PropertyMap properties = builder.toPropertyMap();
		// The full schema (with RDFa), as the checker's own client uses.
		System.setProperty("nu.validator.schema.rdfa-full", "1");
		try {
			Schema schema = CompactSchemaReader.getInstance()
				.createSchema(resolver.resolveEntity(null, SCHEMA), properties);
			schema = new NamespaceChangingSchemaWrapper(new TemplateElementDroppingSchemaWrapper(
					new RoleAttributeFilteringSchemaWrapper(new XmlLangAttributeDroppingSchemaWrapper(
							new DataAttributeDroppingSchemaWrapper(schema)))));
			Validator combined = schema.createValidator(properties);
			for (CheckerSchema checker : CHECKERS) {
				combined = new CombineValidator(combined, checker.createValidator(properties));
			}
			this.validator = combined;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot set up the Nu HTML Checker with " + SCHEMA, ex);
		}
		if (!this.errors.isEmpty()) {
			throw new IllegalStateException("The Nu HTML Checker's schema has errors: " + this.errors);
		}
		this.parser = new HtmlParser();
		this.parser.setCommentPolicy(XmlViolationPolicy.ALLOW);
		this.parser.setContentNonXmlCharPolicy(XmlViolationPolicy.ALLOW);
		this.parser.setContentSpacePolicy(XmlViolationPolicy.ALTER_INFOSET);
		this.parser.setNamePolicy(XmlViolationPolicy.ALLOW);
		this.parser.setXmlnsPolicy(XmlViolationPolicy.ALTER_INFOSET);
		this.parser.setMappingLangToXmlLang(true);
		this.parser.setHeuristics(Heuristics.ALL);
		this.parser.setContentHandler(this.validator.getContentHandler());
		this.parser.setErrorHandler(handler);
		try {
			this.parser.setFeature("http://xml.org/sax/features/unicode-normalization-checking", true);
		}
		catch (SAXException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The errors the checker finds in a page, empty when the page is valid.
	 */
	synchronized List<String> check(String html, String systemId) {
		this.errors.clear();
		this.validator.reset();
		InputSource source = new InputSource(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
		source.setSystemId(systemId);
		source.setEncoding("UTF-8");
		try {
			this.parser.parse(source);
		}
		catch (SAXParseException ex) {
			// Already reported to the collector as a fatal error.
		}
		catch (SAXException ex) {
			this.errors.add("cannot check: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return List.copyOf(this.errors);
	}

	private final class Collector implements ErrorHandler {

		@Override
		public void warning(SAXParseException exception) {
		}

		@Override
		public void error(SAXParseException exception) {
			add(exception);
		}

		@Override
		public void fatalError(SAXParseException exception) {
			add(exception);
		}

		private void add(SAXParseException exception) {
			HtmlChecker.this.errors.add("line " + exception.getLineNumber() + ": " + exception.getMessage());
		}

	}

}
