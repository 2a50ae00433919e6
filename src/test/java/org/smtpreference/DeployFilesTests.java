package org.smtpreference;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What self-hosters copy from {@code deploy/} parses and holds what the README promises:
 * a compose file with the site and nginx, and Kubernetes manifests with probes, limits, a
 * Service and an autoscaler.
 */
class DeployFilesTests {

	private static final Path DEPLOY = Path.of("deploy");

	@Test
	@SuppressWarnings("unchecked")
	void composeRunsTheSiteBehindTheCachingProxy() throws IOException {
		Map<String, Object> compose = (Map<String, Object>) load(DEPLOY.resolve("docker-compose.yml")).get(0);
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		assertThat(services).containsKeys("app", "proxy");
		Map<String, Object> proxy = (Map<String, Object>) services.get("proxy");
		List<String> volumes = (List<String>) proxy.get("volumes");
		assertThat(volumes).anySatisfy((volume) -> assertThat(volume).startsWith("./nginx/smtp-reference.conf:"));
		assertThat(DEPLOY.resolve("nginx/smtp-reference.conf")).exists();
		assertThat(Files.readString(DEPLOY.resolve("nginx/smtp-reference.conf"))).contains("server app:8080;");
	}

	@Test
	@SuppressWarnings("unchecked")
	void kubernetesHasProbesLimitsAServiceAndAnAutoscaler() throws IOException {
		List<Object> documents = load(DEPLOY.resolve("kubernetes/smtp-reference.yaml"));
		List<String> kinds = new ArrayList<>();
		for (Object document : documents) {
			Map<String, Object> manifest = (Map<String, Object>) document;
			assertThat(manifest).containsKeys("apiVersion", "kind", "metadata", "spec");
			kinds.add((String) manifest.get("kind"));
			if ("Deployment".equals(manifest.get("kind"))) {
				Map<String, Object> spec = (Map<String, Object>) manifest.get("spec");
				Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template"))
					.get("spec");
				Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
				assertThat(container).containsKeys("livenessProbe", "readinessProbe", "resources");
				assertThat(path(container, "livenessProbe", "httpGet", "path")).isEqualTo("/actuator/health/liveness");
				assertThat(path(container, "readinessProbe", "httpGet", "path"))
					.isEqualTo("/actuator/health/readiness");
				assertThat((Map<String, Object>) path(container, "resources", "limits")).containsKeys("cpu", "memory");
			}
		}
		assertThat(kinds).containsExactly("Deployment", "Service", "HorizontalPodAutoscaler");
	}

	@SuppressWarnings("unchecked")
	private static Object path(Map<String, Object> map, String... keys) {
		Object value = map;
		for (String key : keys) {
			value = ((Map<String, Object>) value).get(key);
		}
		return value;
	}

	private static List<Object> load(Path file) throws IOException {
		List<Object> documents = new ArrayList<>();
		new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(Files.readString(file, StandardCharsets.UTF_8))
			.forEach(documents::add);
		return documents;
	}

}
