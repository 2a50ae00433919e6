package org.smtpreference.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.smtpreference.content.Command;
import org.smtpreference.content.Extension;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.StatusCode;

import org.springframework.stereotype.Component;

/**
 * The one list of every page of the site, used by the sitemap and by the tests that hold
 * every page to the quality bars.
 */
@Component
public class SitePages {

	private static final List<String> FIXED = List.of("/", "/replies", "/status-codes", "/extensions", "/faq",
			"/samples", "/about", "/cheatsheet", "/search", "/playground", "/decode", "/sandbox",
			// The playground's tools, each at an address of its own (issue 20).
			"/playground/auth", "/playground/message");

	/**
	 * The query parameters that change what a page shows, beside the language: the one
	 * place that says which addresses with a query are pages of their own.
	 */
	private static final Map<String, List<String>> VARYING = Map.of("/search", List.of("q"), "/playground",
			List.of("try", "scenario"));

	/**
	 * About how many pages of each kind {@link #samples} picks.
	 */
	private static final int SAMPLE = 4;

	private final List<String> paths;

	public SitePages(Reference reference) {
		List<String> all = new ArrayList<>(FIXED);
		Stream
			.of(reference.commands().stream().map(Command::path), reference.replies().stream().map(Reply::path),
					reference.statusCodes().stream().map(StatusCode::path),
					reference.extensions().stream().map(Extension::path))
			.flatMap((paths) -> paths)
			.forEach(all::add);
		this.paths = List.copyOf(all);
	}

	/**
	 * Every page's path, the fixed pages first.
	 */
	public List<String> paths() {
		return this.paths;
	}

	/**
	 * The query parameters that change what a page shows, in the order its address
	 * carries them; none for most pages.
	 */
	public List<String> varyingParameters(String path) {
		return VARYING.getOrDefault(path, List.of());
	}

	/**
	 * Whether a request for a page with these query parameter names asks for something
	 * other than the page as stored, such as {@code /playground?try=data}.
	 */
	public boolean varies(String path, Collection<String> parameterNames) {
		List<String> varying = varyingParameters(path);
		return !varying.isEmpty() && parameterNames.stream().anyMatch(varying::contains);
	}

	/**
	 * The indexable pages by kind: each page that stands alone is a kind of its own, and
	 * pages below a common path ({@code /commands/...}) share one.
	 */
	public Map<String, List<String>> kinds() {
		Map<String, List<String>> kinds = new LinkedHashMap<>();
		for (String path : indexable()) {
			int slash = path.indexOf('/', 1);
			kinds.computeIfAbsent((slash > 0) ? path.substring(0, slash + 1) : path, (kind) -> new ArrayList<>())
				.add(path);
		}
		kinds.replaceAll((kind, paths) -> List.copyOf(paths));
		return kinds;
	}

	/**
	 * A few evenly spread pages of each kind ({@link #kinds}), whose size stands for the
	 * size of all the kind's pages: rendering every page only to say their size would
	 * cost far more.
	 */
	public Map<String, List<String>> samples() {
		Map<String, List<String>> samples = new LinkedHashMap<>();
		kinds().forEach((kind, paths) -> {
			List<String> sample = new ArrayList<>();
			int step = Math.max(1, paths.size() / SAMPLE);
			for (int i = 0; i < paths.size(); i += step) {
				sample.add(paths.get(i));
			}
			samples.put(kind, List.copyOf(sample));
		});
		return samples;
	}

	/**
	 * The pages search engines should list: all but the empty search page.
	 */
	public List<String> indexable() {
		return this.paths.stream().filter((path) -> !path.equals("/search")).toList();
	}

}
