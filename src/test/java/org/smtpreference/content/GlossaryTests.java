package org.smtpreference.content;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turkish speaks with one voice: no Turkish text uses a variant that
 * {@code content/GLOSSARY-tr.md} rejects, and no Turkish UI string with arguments has an
 * apostrophe that {@code MessageFormat} would swallow. The rejected variants are read
 * from the glossary's table, so translators and this test share one list.
 */
class GlossaryTests {

	private static final Locale TURKISH = Locale.forLanguageTag("tr");

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`\n]*`");

	/**
	 * Names that start like a rejected variant ("spam") but are names, kept as written.
	 */
	private static final Pattern NAMES = Pattern.compile("Spamhaus");

	private static final Pattern VARIANT = Pattern.compile("`([^`]+)`( \\(name\\))?");

	private static Map<String, String> turkish;

	@BeforeAll
	static void collect() throws IOException {
		turkish = new LinkedHashMap<>();
		Reference reference = Reference.load("content");
		List<Object> entries = new ArrayList<>();
		entries.addAll(reference.commands());
		entries.addAll(reference.replyClasses());
		entries.addAll(reference.replies());
		entries.addAll(reference.statusClasses());
		entries.addAll(reference.statusSubjects());
		entries.addAll(reference.statusCodes().stream().map(StatusCode::entry).distinct().toList());
		entries.addAll(reference.extensions());
		entries.addAll(reference.faq());
		entries.addAll(reference.samples());
		entries.addAll(reference.flow());
		for (Object entry : entries) {
			collect(entry.getClass().getSimpleName() + " " + firstComponent(entry), entry);
		}
		// Every tr field of every content file, also those the reference model above does
		// not
		// hold (the decoder's rules, the guided sessions, the cheat sheet).
		for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:content/*.yml")) {
			try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
				collectYaml(file.getFilename(), new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
			}
		}
		messages("i18n/messages_tr.properties").forEach((key, value) -> turkish.put("messages_tr " + key, value));
	}

	private static void collectYaml(String label, Object node) {
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> {
				if ("tr".equals(key) && value instanceof String text) {
					turkish.put(label + " tr #" + turkish.size(),
							NAMES.matcher(CODE_SPAN.matcher(text).replaceAll("")).replaceAll(""));
				}
				else {
					collectYaml(label, value);
				}
			});
		}
		else if (node instanceof List<?> list) {
			list.forEach((item) -> collectYaml(label, item));
		}
	}

	@Test
	void theGlossaryRejectsTheVariantsTheReviewFound() {
		assertThat(rejected().stream().map(Rejected::variant)).contains("doğrudan TLS", "bağlantı noktas", "sözdizim",
				"kitaplık", "bağımsız değişken", "ters yol", "genişletilmiş durum", "Referans", "TLS'in");
	}

	@Test
	void theGlossaryRejectsTheVariantsTheDecemberReviewFound() {
		assertThat(rejected().stream().map(Rejected::variant)).contains("adres değişmez", "çözücü", "çözülür",
				"örnek hesap", "servis sağlayıcı", "kayıt defter", "kodlu sözcük", "geri dönüş bildirim",
				"geri dönüşler", "kullanılmamaktadır", "kullanımdan kalk", "kuyruk turu", "dahil", "haliyle");
	}

	@Test
	void theDecoderRulesAndGuidedSessionsAreRead() {
		assertThat(turkish).anySatisfy((where, text) -> {
			assertThat(where).startsWith("decode-rules.yml");
			assertThat(text).contains("Böyle bir alıcı adresi yok");
		});
		assertThat(turkish.keySet()).anyMatch((where) -> where.startsWith("scenarios.yml"));
	}

	@Test
	void noTurkishTextUsesARejectedVariant() {
		assertThat(turkish).hasSizeGreaterThan(700);
		List<String> found = new ArrayList<>();
		for (Rejected rejected : rejected()) {
			Pattern pattern = rejected.caseSensitive()
					? Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(rejected.variant()))
					: Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(rejected.variant().toLowerCase(TURKISH)));
			turkish.forEach((where, text) -> {
				Matcher matcher = pattern.matcher(rejected.caseSensitive() ? text : text.toLowerCase(TURKISH));
				if (matcher.find()) {
					int start = Math.max(0, matcher.start() - 30);
					int end = Math.min(text.length(), matcher.end() + 30);
					found.add(where + ": '" + rejected.variant() + "' in \"…" + text.substring(start, end) + "…\"");
				}
			});
		}
		assertThat(found).as("Turkish text using variants GLOSSARY-tr.md rejects").isEmpty();
	}

	@Test
	void apostrophesInMessagesWithArgumentsAreDoubled() throws IOException {
		List<String> broken = new ArrayList<>();
		for (String file : List.of("i18n/messages_tr.properties", "i18n/messages.properties")) {
			messages(file).forEach((key, value) -> {
				if (value.matches("(?s).*\\{\\d.*") && value.replace("''", "").contains("'")) {
					broken.add(file + " " + key + ": " + value);
				}
			});
		}
		assertThat(broken).as("single apostrophes MessageFormat would swallow (write '')").isEmpty();
	}

	/**
	 * A message without arguments is shown as written (Spring's message source does not
	 * run it through {@code MessageFormat}), so a doubled apostrophe would show doubled.
	 */
	@Test
	void apostrophesInMessagesWithoutArgumentsAreSingle() throws IOException {
		List<String> doubled = new ArrayList<>();
		for (String file : List.of("i18n/messages_tr.properties", "i18n/messages.properties")) {
			messages(file).forEach((key, value) -> {
				if (!value.matches("(?s).*\\{\\d.*") && value.contains("''")) {
					doubled.add(file + " " + key + ": " + value);
				}
			});
		}
		assertThat(doubled).as("doubled apostrophes that would show doubled (write ')").isEmpty();
	}

	/**
	 * The variants of the glossary's "not" column: every backticked phrase in the third
	 * cell of a table row; "(name)" after one makes it case-sensitive.
	 */
	static List<Rejected> rejected() {
		List<Rejected> rejected = new ArrayList<>();
		for (String line : read("content/GLOSSARY-tr.md").lines().toList()) {
			String[] cells = line.split("\\|", -1);
			if (line.startsWith("|") && cells.length >= 5 && !cells[1].isBlank() && !cells[1].contains("---")) {
				Matcher matcher = VARIANT.matcher(cells[3]);
				while (matcher.find()) {
					rejected.add(new Rejected(matcher.group(1), matcher.group(2) != null));
				}
			}
		}
		assertThat(rejected).as("variants in GLOSSARY-tr.md").isNotEmpty();
		return rejected;
	}

	private static void collect(String label, Object value) {
		if (value instanceof Text text) {
			StringBuilder prose = new StringBuilder();
			for (Block block : text.tr().blocks()) {
				for (List<Segment> item : block.items()) {
					// Code spans are what programs print, not Turkish prose.
					item.stream()
						.filter((segment) -> !segment.isCode())
						.forEach((segment) -> prose.append(segment.text()));
					prose.append('\n');
				}
			}
			turkish.put(label + " #" + turkish.size(), prose.toString());
		}
		else if (value instanceof List<?> list) {
			list.forEach((item) -> collect(label, item));
		}
		else if (value instanceof Record record) {
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				collect(label + "." + component.getName(), read(component, record));
			}
		}
	}

	private static Object firstComponent(Object entry) {
		RecordComponent[] components = entry.getClass().getRecordComponents();
		return (components.length > 0) ? read(components[0], (Record) entry) : "";
	}

	private static Object read(RecordComponent component, Record record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Map<String, String> messages(String path) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(path).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		Map<String, String> messages = new LinkedHashMap<>();
		properties.stringPropertyNames()
			.stream()
			.sorted()
			.forEach((key) -> messages.put(key, properties.getProperty(key)));
		return messages;
	}

	private static String read(String path) {
		try {
			return new ClassPathResource(path).getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A variant the glossary rejects.
	 *
	 * @param variant the words, matched at the start of a word with any suffix
	 * @param caseSensitive whether only this spelling is rejected (a name)
	 */
	record Rejected(String variant, boolean caseSensitive) {
	}

}
