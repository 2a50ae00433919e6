package org.smtpreference.browser;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A DevTools connection to the whole browser rather than to one page, as ChromeDriver
 * gives: it reaches targets ChromeDriver does not, such as service workers, whose own
 * requests a page's network emulation does not touch.
 */
final class BrowserDevTools implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebSocket socket;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private final Map<String, String> sessions = new HashMap<>();

	private BrowserDevTools(WebSocket socket) {
		this.socket = socket;
	}

	static BrowserDevTools connect(ChromeDriver driver) throws Exception {
		Map<?, ?> options = (Map<?, ?>) driver.getCapabilities().getCapability("goog:chromeOptions");
		String address = (String) options.get("debuggerAddress");
		HttpClient client = HttpClient.newHttpClient();
		String version = client
			.send(HttpRequest.newBuilder(URI.create("http://" + address + "/json/version")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		String url = JSON.readTree(version).get("webSocketDebuggerUrl").asString();
		StringBuilder partial = new StringBuilder();
		BrowserDevTools[] self = new BrowserDevTools[1];
		WebSocket socket = client.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(URI.create(url), new WebSocket.Listener() {
				@Override
				public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
					partial.append(data);
					if (last) {
						self[0].received(partial.toString());
						partial.setLength(0);
					}
					webSocket.request(1);
					return null;
				}
			})
			.get(10, TimeUnit.SECONDS);
		self[0] = new BrowserDevTools(socket);
		return self[0];
	}

	private void received(String message) {
		JsonNode node = JSON.readTree(message);
		if (node.has("id")) {
			CompletableFuture<JsonNode> answer = this.pending.remove(node.get("id").asInt());
			if (answer != null) {
				answer.complete(node);
			}
		}
	}

	/**
	 * Sends a command, to the browser or to an attached target's session, and answers its
	 * result.
	 */
	JsonNode send(String sessionId, String method, Map<String, Object> params) throws Exception {
		int id = this.ids.incrementAndGet();
		Map<String, Object> command = new LinkedHashMap<>();
		command.put("id", id);
		command.put("method", method);
		command.put("params", params);
		if (sessionId != null) {
			command.put("sessionId", sessionId);
		}
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		this.socket.sendText(JSON.writeValueAsString(command), true).get(10, TimeUnit.SECONDS);
		JsonNode reply = answer.get(20, TimeUnit.SECONDS);
		if (reply.has("error")) {
			throw new IllegalStateException(method + ": " + reply.get("error"));
		}
		return reply.get("result");
	}

	/**
	 * Cuts or restores the network of every running service worker, attaching to each
	 * once (an attached worker is kept running).
	 */
	int serviceWorkersOnline(boolean online) throws Exception {
		JsonNode targets = send(null, "Target.getTargets", Map.of()).get("targetInfos");
		int workers = 0;
		for (JsonNode target : targets) {
			if (!"service_worker".equals(target.get("type").asString())) {
				continue;
			}
			String targetId = target.get("targetId").asString();
			String session = this.sessions.get(targetId);
			if (session == null) {
				session = send(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
					.get("sessionId")
					.asString();
				this.sessions.put(targetId, session);
				send(session, "Network.enable", Map.of());
			}
			send(session, "Network.emulateNetworkConditions",
					Map.of("offline", !online, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
			workers++;
		}
		return workers;
	}

	@Override
	public void close() {
		this.socket.abort();
	}

}
