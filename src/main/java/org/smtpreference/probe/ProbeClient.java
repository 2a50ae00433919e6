package org.smtpreference.probe;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.smtpreference.probe.ProbeRun.Action;
import org.smtpreference.probe.ProbeRun.Keyword;
import org.smtpreference.probe.ProbeRun.Note;
import org.smtpreference.probe.ProbeRun.Step;
import org.smtpreference.probe.ProbeRun.TlsFacts;

/**
 * The SMTP client of the probe: greeting, EHLO, STARTTLS, EHLO again and, with addresses,
 * MAIL FROM, RCPT TO, RSET, then QUIT. Its commands are a fixed set: it never sends DATA,
 * BDAT or AUTH, so it cannot send mail or try a password. Every wait has a timeout and
 * every reply a size and line cap.
 */
class ProbeClient {

	/** Longest part of one reply line kept for showing; the rest is counted, not kept. */
	static final int MAX_SHOWN_LINE = 1000;

	private final Settings settings;

	private final Clock clock;

	ProbeClient(Settings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Runs the probe against a checked target, reporting each step to the run as it
	 * happens, and finishes the run.
	 */
	void run(TargetPolicy.Target target, ProbeRun run) {
		List<Note> summary = new ArrayList<>();
		try {
			session(target, run, summary);
		}
		catch (RuntimeException ex) {
			// A bug must not leave the reader waiting for a probe that never ends.
			summary.add(Note.of("danger", "failed"));
		}
		finally {
			run.finish(summary);
		}
	}

	private void session(TargetPolicy.Target target, ProbeRun run, List<Note> summary) {
		ProbeRequest request = run.request();
		Socket socket = connect(target, run, summary);
		if (socket == null) {
			return;
		}
		try (Socket closing = socket) {
			Connection connection = new Connection(socket);
			if (request.mode() == ProbeRequest.Mode.TLS) {
				connection = handshake(connection, target, run, summary);
				if (connection == null) {
					return;
				}
			}
			Reply greeting = read(connection, Action.GREETING, null, run, summary);
			if (greeting == null) {
				return;
			}
			if (greeting.code != 220) {
				summary.add(Note.of("danger", "noGreeting", greeting.code));
				quit(connection, run);
				return;
			}
			summary.add(Note.of("success", "greets"));
			boolean tls = request.mode() == ProbeRequest.Mode.TLS;
			List<Keyword> keywords = ehlo(connection, run, summary, tls);
			if (keywords == null) {
				return;
			}
			boolean startTls = keywords.stream().anyMatch((k) -> k.keyword().equals("STARTTLS"));
			if (!tls && startTls) {
				Reply reply = command(connection, Action.STARTTLS, "STARTTLS", run, summary);
				if (reply == null) {
					return;
				}
				if (reply.code != 220) {
					summary.add(Note.of("danger", "startTlsRefused", reply.code));
					quit(connection, run);
					return;
				}
				connection = handshake(connection, target, run, summary);
				if (connection == null) {
					return;
				}
				tls = true;
				if (ehlo(connection, run, summary, true) == null) {
					return;
				}
			}
			else if (!tls) {
				summary.add(Note.of((request.mode() == ProbeRequest.Mode.STARTTLS) ? "danger" : "warning", "noTls"));
				if (request.mode() == ProbeRequest.Mode.STARTTLS) {
					quit(connection, run);
					return;
				}
			}
			authNotes(run, summary, tls);
			if (request.triesRecipient()) {
				Reply mail = command(connection, Action.MAIL, "MAIL FROM:<" + request.sender() + ">", run, summary);
				if (mail == null) {
					return;
				}
				if (mail.code / 100 == 2) {
					Reply rcpt = command(connection, Action.RCPT, "RCPT TO:<" + request.recipient() + ">", run,
							summary);
					if (rcpt == null) {
						return;
					}
					summary.add((rcpt.code / 100 == 2) ? Note.of("success", "accepts", request.recipient())
							: Note.of("danger", "refuses", request.recipient(), rcpt.code));
				}
				else {
					summary.add(Note.of("danger", "refusesSender", request.sender(), mail.code));
				}
				if (command(connection, Action.RSET, "RSET", run, summary) == null) {
					return;
				}
			}
			quit(connection, run);
		}
		catch (IOException ex) {
			// Closing failed: the probe is over either way.
		}
	}

	private Socket connect(TargetPolicy.Target target, ProbeRun run, List<Note> summary) {
		String problem = null;
		String detail = null;
		for (InetAddress address : target.addresses()) {
			long start = this.clock.millis();
			Socket socket = new Socket();
			detail = address.getHostAddress();
			try {
				// The checked address itself: InetSocketAddress(InetAddress, int) makes
				// no
				// lookup, so the name cannot be resolved again to somewhere else.
				socket.connect(new InetSocketAddress(address, target.port()), this.settings.connectMillis);
				run.add(new Step(Action.CONNECT, null, List.of(), 0, this.clock.millis() - start, null, detail));
				return socket;
			}
			catch (SocketTimeoutException ex) {
				problem = "connectTimeout";
			}
			catch (ConnectException ex) {
				problem = "connectRefused";
			}
			catch (IOException ex) {
				problem = "connectFailed";
			}
			closeQuietly(socket);
			run.add(new Step(Action.CONNECT, null, List.of(), 0, this.clock.millis() - start, problem, detail));
		}
		summary.add(Note.of("danger", problem, detail + " " + target.port()));
		return null;
	}

	private List<Keyword> ehlo(Connection connection, ProbeRun run, List<Note> summary, boolean afterTls) {
		Reply reply = command(connection, Action.EHLO, "EHLO " + this.settings.ehloName, run, summary);
		if (reply == null) {
			return null;
		}
		if (reply.code != 250) {
			summary.add(Note.of("danger", "ehloRefused", reply.code));
			quit(connection, run);
			return null;
		}
		List<Keyword> keywords = new ArrayList<>();
		for (int i = 1; i < reply.lines.size(); i++) {
			String line = reply.lines.get(i);
			String rest = (line.length() > 4) ? line.substring(4).strip() : "";
			if (rest.isEmpty()) {
				continue;
			}
			int space = rest.indexOf(' ');
			String keyword = ((space < 0) ? rest : rest.substring(0, space)).toUpperCase(Locale.ROOT);
			keywords.add(new Keyword(keyword, (space < 0) ? "" : rest.substring(space + 1).strip()));
		}
		// With implicit TLS the only EHLO is the first; otherwise the one after STARTTLS
		// is the second.
		boolean second = afterTls && run.request().mode() != ProbeRequest.Mode.TLS;
		run.ehlo(keywords, second);
		if (!second) {
			keywords.stream()
				.filter((k) -> k.keyword().equals("SIZE") && k.parameters().matches("[0-9]{1,12}"))
				.findFirst()
				.ifPresent((k) -> summary.add(Note.of("info", "size", k.parameters())));
		}
		return keywords;
	}

	private static void authNotes(ProbeRun run, List<Note> summary, boolean tls) {
		boolean clear = run.request().mode() != ProbeRequest.Mode.TLS
				&& run.ehloBefore().stream().anyMatch((k) -> k.keyword().equals("AUTH"));
		List<Keyword> secure = (run.request().mode() == ProbeRequest.Mode.TLS) ? run.ehloBefore() : run.ehloAfter();
		boolean afterTls = tls && secure.stream().anyMatch((k) -> k.keyword().equals("AUTH"));
		if (clear) {
			summary.add(Note.of("danger", "authInClear"));
		}
		else if (afterTls) {
			summary.add(Note.of("success", "authAfterTls"));
		}
	}

	private Connection handshake(Connection connection, TargetPolicy.Target target, ProbeRun run, List<Note> summary) {
		long start = this.clock.millis();
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			// Every chain is taken for the handshake so that an untrusted one can still
			// be
			// shown and explained: the probe sends nothing secret over it (no AUTH, no
			// mail), and the chain is verified properly afterwards.
			context.init(null, new TrustManager[] { new ObservingTrustManager() }, new SecureRandom());
			SSLSocket tlsSocket = (SSLSocket) context.getSocketFactory()
				.createSocket(connection.socket, target.host(), target.port(), true);
			tlsSocket.setUseClientMode(true);
			tlsSocket.setSoTimeout((int) this.settings.replyMillis);
			tlsSocket.startHandshake();
			TlsFacts facts = TlsCheck.facts(tlsSocket.getSession(), target.host(), this.clock);
			run.tls(facts);
			run.add(new Step(Action.TLS, null, List.of(), 0, this.clock.millis() - start, null,
					facts.protocol() + " " + facts.cipher()));
			summary.add(Note.of("success", "tls", facts.protocol()));
			if (facts.trusted()) {
				summary.add(Note.of("success", "trusted"));
			}
			else {
				// Each reason in the summary too: "the certificate expired 3 days ago".
				facts.problems().forEach((p) -> summary.add(new Note(p.level(), "tls." + p.key(), p.arguments())));
			}
			return new Connection(tlsSocket);
		}
		catch (IOException | java.security.GeneralSecurityException ex) {
			run.add(new Step(Action.TLS, null, List.of(), 0, this.clock.millis() - start, "handshake",
					Reply.shown(String.valueOf(ex.getMessage()).getBytes(StandardCharsets.UTF_8))));
			summary.add(Note.of("danger", "handshake"));
			return null;
		}
	}

	private void quit(Connection connection, ProbeRun run) {
		command(connection, Action.QUIT, "QUIT", run, new ArrayList<>());
	}

	private Reply command(Connection connection, Action action, String line, ProbeRun run, List<Note> summary) {
		long start = this.clock.millis();
		try {
			connection.out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			connection.out.flush();
		}
		catch (IOException ex) {
			run.add(new Step(action, line, List.of(), 0, this.clock.millis() - start, "dropped", null));
			summary.add(Note.of("danger", "dropped"));
			return null;
		}
		return read(connection, action, line, run, summary, start);
	}

	private Reply read(Connection connection, Action action, String sent, ProbeRun run, List<Note> summary) {
		return read(connection, action, sent, run, summary, this.clock.millis());
	}

	private Reply read(Connection connection, Action action, String sent, ProbeRun run, List<Note> summary,
			long start) {
		ReplyReader reader = new ReplyReader(connection, this.settings, this.clock);
		try {
			Reply reply = reader.reply();
			run.add(new Step(action, sent, reply.lines, reply.code, this.clock.millis() - start, null, null));
			return reply;
		}
		catch (ReplyProblem ex) {
			run.add(new Step(action, sent, reader.lines, 0, this.clock.millis() - start, ex.getMessage(), ex.detail));
			if (action != Action.QUIT) {
				summary.add(Note.of("danger", ex.getMessage(), (ex.detail != null) ? ex.detail : ""));
			}
			return null;
		}
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// Nothing more to do with it.
		}
	}

	/**
	 * The probe's limits, from {@code site.probe.*}.
	 *
	 * @param ehloName the name sent with EHLO
	 * @param connectMillis connect timeout
	 * @param replyMillis longest wait for a whole reply
	 * @param maxReplyBytes largest reply
	 * @param maxReplyLines most lines in a reply
	 */
	record Settings(String ehloName, int connectMillis, long replyMillis, long maxReplyBytes, int maxReplyLines) {
	}

	private static final class Connection {

		final Socket socket;

		final InputStream in;

		final OutputStream out;

		Connection(Socket socket) throws IOException {
			this.socket = socket;
			this.in = new BufferedInputStream(socket.getInputStream(), 4096);
			this.out = socket.getOutputStream();
		}

	}

	/**
	 * A complete reply: its code and its lines, shown safe.
	 */
	record Reply(int code, List<String> lines) {

		/**
		 * Bytes as text that can be shown anywhere: printable ASCII as it is, control
		 * characters as their visible pictures (U+2400…), other bytes as {@code \xNN}.
		 */
		static String shown(byte[] bytes) {
			StringBuilder shown = new StringBuilder(bytes.length);
			for (byte b : bytes) {
				int c = b & 0xff;
				if (c < 0x20) {
					shown.append((char) (0x2400 + c));
				}
				else if (c == 0x7f) {
					shown.append('\u2421');
				}
				else if (c > 0x7f) {
					shown.append(String.format(Locale.ROOT, "\\x%02X", c));
				}
				else {
					shown.append((char) c);
				}
			}
			return shown.toString();
		}

	}

	/**
	 * Why a reply could not be read: the message is a key under {@code probe.problem.}.
	 */
	private static final class ReplyProblem extends Exception {

		final String detail;

		ReplyProblem(String key, String detail) {
			super(key, null, false, false);
			this.detail = detail;
		}

	}

	/**
	 * Reads one reply line by line within one deadline for the whole reply (a server
	 * sending a byte at a time does not extend it), counting every byte against the cap.
	 */
	private static final class ReplyReader {

		private final Connection connection;

		private final Settings settings;

		private final Clock clock;

		private final long deadline;

		private final List<String> lines = new ArrayList<>();

		private long bytes;

		ReplyReader(Connection connection, Settings settings, Clock clock) {
			this.connection = connection;
			this.settings = settings;
			this.clock = clock;
			this.deadline = clock.millis() + settings.replyMillis;
		}

		Reply reply() throws ReplyProblem {
			int code = 0;
			while (true) {
				String line = line();
				this.lines.add(line);
				boolean shaped = line.length() >= 3 && line.substring(0, 3).chars().allMatch(Character::isDigit)
						&& line.charAt(0) >= '2' && line.charAt(0) <= '5'
						&& (line.length() == 3 || line.charAt(3) == ' ' || line.charAt(3) == '-');
				if (!shaped) {
					throw new ReplyProblem("malformed", null);
				}
				int lineCode = Integer.parseInt(line.substring(0, 3));
				if (code != 0 && lineCode != code) {
					throw new ReplyProblem("malformed", null);
				}
				code = lineCode;
				if (line.length() == 3 || line.charAt(3) == ' ') {
					return new Reply(code, this.lines);
				}
				if (this.lines.size() >= this.settings.maxReplyLines) {
					throw new ReplyProblem("tooManyLines", String.valueOf(this.settings.maxReplyLines));
				}
			}
		}

		private String line() throws ReplyProblem {
			java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
			boolean cut = false;
			while (true) {
				int b = next();
				if (b == '\n') {
					break;
				}
				if (kept.size() < MAX_SHOWN_LINE) {
					kept.write(b);
				}
				else {
					cut = true;
				}
			}
			byte[] raw = kept.toByteArray();
			int length = (raw.length > 0 && raw[raw.length - 1] == '\r' && !cut) ? raw.length - 1 : raw.length;
			byte[] line = java.util.Arrays.copyOf(raw, length);
			return Reply.shown(line) + (cut ? "\u2026" : "");
		}

		private int next() throws ReplyProblem {
			long left = this.deadline - this.clock.millis();
			if (left <= 0) {
				throw new ReplyProblem("timeout", String.valueOf(this.settings.replyMillis / 1000));
			}
			try {
				this.connection.socket.setSoTimeout((int) Math.max(1, Math.min(left, Integer.MAX_VALUE)));
				int b = this.connection.in.read();
				if (b < 0) {
					throw new EOFException();
				}
				if (++this.bytes > this.settings.maxReplyBytes) {
					throw new ReplyProblem("tooLarge", String.valueOf(this.settings.maxReplyBytes));
				}
				return b;
			}
			catch (SocketTimeoutException ex) {
				throw new ReplyProblem("timeout", String.valueOf(this.settings.replyMillis / 1000));
			}
			catch (IOException ex) {
				throw new ReplyProblem("dropped", null);
			}
		}

	}

	/**
	 * Takes every chain during the handshake; {@link TlsCheck} verifies it afterwards.
	 */
	private static final class ObservingTrustManager implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
			// The probe is the client.
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
			// Verified after the handshake, so that a failing chain can be explained.
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
