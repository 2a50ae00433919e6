package org.smtpreference;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smtpreference.content.Language;
import org.smtpreference.web.SitePages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Follows every same-site link breadth-first from the reference page in each language,
 * the way a reader without cookies would, and checks that no link is broken, every
 * {@code #anchor} exists on its page, every script and stylesheet loads, and every page
 * of the site can be reached.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrawlTests {

	private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)\\b([^>]*)>");

	private static final Pattern LINK = Pattern.compile("(?:^|\\s)(href|src)=\"([^\"]*)\"");

	private static final int MAX_REDIRECTS = 5;

	@LocalServerPort
	int port;

	@Autowired
	SitePages pages;

	private final Map<Language, Crawl> crawls = new EnumMap<>(Language.class);

	/**
	 * What each address answered, shared by both crawls: each links to the other's pages.
	 */
	private final Map<String, Fetched> fetched = new HashMap<>();

	@ParameterizedTest
	@EnumSource(Language.class)
	void noLinkIsBroken(Language language) {
		assertThat(crawl(language).broken).as("broken links (link <- page it was found on)").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Language.class)
	void everyAnchorExistsOnItsPage(Language language) {
		Crawl crawl = crawl(language);
		List<String> missing = new ArrayList<>();
		crawl.anchors.forEach((anchor, foundOn) -> {
			String body = crawl.bodies.get(anchor.page());
			if (body != null && !body.contains("id=\"" + anchor.id() + "\"")) {
				missing.add(anchor.page() + "#" + anchor.id() + " <- " + foundOn);
			}
		});
		assertThat(crawl.anchors).as("anchors seen").isNotEmpty();
		assertThat(missing).as("anchors with no element of that id (link <- page it was found on)").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Language.class)
	void everyScriptAndStylesheetLoads(Language language) {
		Crawl crawl = crawl(language);
		assertThat(crawl.assets).as("assets seen").isNotEmpty();
		assertThat(crawl.brokenAssets).as("assets not answering 200 (asset <- page it was found on)").isEmpty();
	}

	@ParameterizedTest
	@EnumSource(Language.class)
	void everyPageCanBeReachedByFollowingLinks(Language language) {
		Crawl crawl = crawl(language);
		List<String> unreached = this.pages.paths()
			.stream()
			.filter((path) -> !crawl.bodies.containsKey(withLanguage(path, language)))
			.toList();
		assertThat(unreached).as("pages no link leads to").isEmpty();
	}

	private Crawl crawl(Language language) {
		return this.crawls.computeIfAbsent(language, (key) -> new Crawl(new SiteClient(this.port), key, this.fetched));
	}

	/**
	 * A page or asset address with the crawl's language added when it names none, so a
	 * client without cookies keeps reading in one language.
	 */
	static String withLanguage(String pathAndQuery, Language language) {
		if (pathAndQuery.matches(".*[?&]lang=.*")) {
			return pathAndQuery;
		}
		return pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "lang=" + language.tag();
	}

	/**
	 * One breadth-first crawl in one language. Pages in the other language (the language
	 * switch) are fetched and checked but not followed: the other crawl covers them.
	 */
	private static final class Crawl {

		private final SiteClient client;

		private final Language language;

		private final Map<String, Fetched> cache;

		/** Final HTML of every page fetched, by the address linked to. */
		private final Map<String, String> bodies = new LinkedHashMap<>();

		/** For every address seen, the first page it was found on. */
		private final Map<String, String> foundOn = new LinkedHashMap<>();

		private final Map<Anchor, String> anchors = new LinkedHashMap<>();

		private final Set<String> assets = new LinkedHashSet<>();

		private final List<String> broken = new ArrayList<>();

		private final List<String> brokenAssets = new ArrayList<>();

		Crawl(SiteClient client, Language language, Map<String, Fetched> cache) {
			this.client = client;
			this.language = language;
			this.cache = cache;
			String start = "/?lang=" + language.tag();
			Deque<String> queue = new ArrayDeque<>();
			queue.add(start);
			this.foundOn.put(start, "(start)");
			while (!queue.isEmpty()) {
				String page = queue.poll();
				Fetched fetched = this.cache.computeIfAbsent(page, this::fetch);
				if (fetched.status() != 200) {
					this.broken.add(page + " (" + fetched.describe() + ") <- " + this.foundOn.get(page));
					continue;
				}
				if (!fetched.html()) {
					continue;
				}
				this.bodies.put(page, fetched.body());
				if (!inLanguage(page)) {
					continue;
				}
				for (Link link : links(fetched.body())) {
					visit(page, link, queue);
				}
			}
			for (String asset : this.assets) {
				HttpResponse<String> response = this.client.get(asset);
				if (response.statusCode() != 200) {
					this.brokenAssets.add(asset + " (" + response.statusCode() + ") <- " + this.foundOn.get(asset));
				}
			}
		}

		private boolean inLanguage(String page) {
			return page.matches(".*[?&]lang=" + this.language.tag() + "(&.*)?");
		}

		private void visit(String page, Link link, Deque<String> queue) {
			String href = link.url().replace("&amp;", "&");
			if (href.startsWith("#")) {
				if (href.length() > 1) {
					this.anchors.putIfAbsent(new Anchor(page, decode(href.substring(1))), page);
				}
				return;
			}
			if (!href.startsWith("/") || href.startsWith("//")) {
				return;
			}
			String fragment = null;
			int hash = href.indexOf('#');
			if (hash >= 0) {
				fragment = href.substring(hash + 1);
				href = href.substring(0, hash);
			}
			if (link.asset()) {
				if (this.assets.add(href)) {
					this.foundOn.put(href, page);
				}
				return;
			}
			String target = withLanguage(href, this.language);
			if (fragment != null && !fragment.isEmpty()) {
				this.anchors.putIfAbsent(new Anchor(target, decode(fragment)), page);
			}
			if (this.foundOn.putIfAbsent(target, page) == null) {
				queue.add(target);
			}
		}

		/**
		 * Fetches an address, following redirects within the site.
		 */
		private Fetched fetch(String address) {
			String current = address;
			List<String> hops = new ArrayList<>();
			for (int i = 0; i <= MAX_REDIRECTS; i++) {
				HttpResponse<String> response = this.client.get(current);
				int status = response.statusCode();
				if (status / 100 != 3) {
					String type = response.headers().firstValue("Content-Type").orElse("");
					return new Fetched(status, hops, response.body(), type.startsWith("text/html"));
				}
				String location = response.headers().firstValue("Location").orElse("");
				hops.add(status + " -> " + location);
				current = sameSite(location);
				if (current == null) {
					return new Fetched(status, hops, "", false);
				}
			}
			return new Fetched(0, hops, "", false);
		}

		private String sameSite(String location) {
			URI uri = URI.create(this.client.base()).resolve(location);
			if (!this.client.base().equals(uri.getScheme() + "://" + uri.getAuthority())) {
				return null;
			}
			return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
		}

		private static List<Link> links(String html) {
			List<Link> links = new ArrayList<>();
			Matcher tag = TAG.matcher(html);
			while (tag.find()) {
				String name = tag.group(1).toLowerCase(Locale.ROOT);
				Matcher attribute = LINK.matcher(tag.group(2));
				while (attribute.find()) {
					boolean asset = name.equals("script") || name.equals("link");
					if (attribute.group(1).equals("href") || asset) {
						links.add(new Link(attribute.group(2), asset));
					}
				}
			}
			return links;
		}

		private static String decode(String fragment) {
			return UriUtils.decode(fragment, StandardCharsets.UTF_8);
		}

	}

	/**
	 * An address found in a page, and whether the page loads it as a script or
	 * stylesheet.
	 */
	private record Link(String url, boolean asset) {
	}

	/**
	 * An {@code #id} a link points to, on the page (address as linked) it must be found
	 * on.
	 */
	private record Anchor(String page, String id) {
	}

	/**
	 * What an address finally answered, after the redirects listed in {@code hops}.
	 */
	private record Fetched(int status, List<String> hops, String body, boolean html) {

		String describe() {
			return (this.status == 0) ? "too many redirects " + this.hops
					: "status " + this.status + (this.hops.isEmpty() ? "" : " after " + this.hops);
		}

	}

}
