package org.smtpreference.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A hand-written SMTP server on a free loopback port that misbehaves on purpose: each
 * connection gets the greeting bytes, then every command line is recorded and answered by
 * a script. It serves connections one after another until closed.
 */
public final class ScriptedServer implements AutoCloseable {

	private final ServerSocket socket;

	private final Thread thread;

	/** Every command line received, over all connections. */
	public final List<String> commands = new CopyOnWriteArrayList<>();

	private final boolean closeAfterGreeting;

	private ScriptedServer(byte[] greeting, Script script, boolean closeAfterGreeting) throws IOException {
		this.closeAfterGreeting = closeAfterGreeting;
		this.socket = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.thread = new Thread(() -> serve(greeting, script), "scripted-smtp");
		this.thread.setDaemon(true);
		this.thread.start();
	}

	public static ScriptedServer start(String greeting, Script script) throws IOException {
		return new ScriptedServer(greeting.getBytes(StandardCharsets.ISO_8859_1), script, false);
	}

	/**
	 * A server that sends the greeting bytes and closes the connection at once.
	 */
	public static ScriptedServer closingAfter(String greeting) throws IOException {
		return new ScriptedServer(greeting.getBytes(StandardCharsets.ISO_8859_1), null, true);
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	private void serve(byte[] greeting, Script script) {
		while (!this.socket.isClosed()) {
			try (Socket client = this.socket.accept()) {
				OutputStream out = client.getOutputStream();
				out.write(greeting);
				out.flush();
				if (this.closeAfterGreeting) {
					continue;
				}
				if (script == null) {
					// Never answers: hold until the client gives up.
					client.getInputStream().read();
					continue;
				}
				BufferedReader in = new BufferedReader(
						new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
				String line;
				while ((line = in.readLine()) != null) {
					this.commands.add(line);
					String reply = script.reply(line);
					if (reply == null) {
						break;
					}
					out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
			}
			catch (IOException ex) {
				// The next connection, or closed.
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * The answer to one command line, CRLFs included; {@code null} closes the connection.
	 */
	public interface Script {

		String reply(String command);

	}

	/**
	 * A plain server that offers AUTH in clear, a small SIZE, and refuses nobody@.
	 */
	public static String ordinary(String command) {
		String verb = command.split(" ", 2)[0].toUpperCase(java.util.Locale.ROOT);
		return switch (verb) {
			case "EHLO" -> "250-mx.probe.test\r\n250-PIPELINING\r\n250-SIZE 1000000\r\n250-AUTH PLAIN LOGIN\r\n"
					+ "250 X-UNKNOWN-THING\r\n";
			case "MAIL" -> "250 2.1.0 Ok\r\n";
			case "RCPT" -> command.contains("nobody@") ? "550 5.1.1 <nobody@probe.test>: Recipient address rejected\r\n"
					: "250 2.1.5 Ok\r\n";
			case "RSET" -> "250 2.0.0 Ok\r\n";
			case "QUIT" -> "221 2.0.0 Bye\r\n";
			default -> "502 5.5.2 Error: command not recognized\r\n";
		};
	}

}
