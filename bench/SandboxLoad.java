import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load for the sandbox SMTP listener: complete pipelined sessions per second, then a number
 * of idle connections held open. Run by bench/sandbox.sh; needs only a JDK.
 *
 * <p>Usage: java SandboxLoad.java HOST PORT THREADS SECONDS IDLE
 */
public class SandboxLoad {

	public static void main(String[] args) throws Exception {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		int threads = Integer.parseInt(args[2]);
		long seconds = Long.parseLong(args[3]);
		int idle = Integer.parseInt(args[4]);

		AtomicLong sessions = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		long end = System.nanoTime() + seconds * 1_000_000_000L;
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				while (System.nanoTime() < end) {
					try {
						session(host, port);
						sessions.incrementAndGet();
					}
					catch (Exception ex) {
						failures.incrementAndGet();
					}
				}
			});
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (seconds > 0) {
			System.out.printf("pipelined sessions: %d in %d s with %d clients = %.0f sessions/s (%d failed)%n",
				sessions.get(), seconds, threads, sessions.get() / (double) seconds, failures.get());
		}

		List<Socket> held = new ArrayList<>();
		for (int i = 0; i < idle; i++) {
			Socket socket = new Socket(host, port);
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			String greeting = in.readLine();
			if (greeting == null || !greeting.startsWith("220 ")) {
				throw new IllegalStateException("Connection " + i + " got " + greeting);
			}
			held.add(socket);
		}
		System.out.println("idle connections open: " + held.size());
		System.out.println("READY");
		// Held until the script has measured the server, then closed.
		System.in.read();
		for (Socket socket : held) {
			socket.close();
		}
	}

	/**
	 * One session as a pipelining client sends it (RFC 2920): the envelope and DATA in one
	 * write, then the content, the final dot and QUIT in another.
	 */
	private static void session(String host, int port) throws Exception {
		try (Socket socket = new Socket(host, port)) {
			socket.setSoTimeout(10_000);
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
			OutputStream out = socket.getOutputStream();
			expect(in, "220");
			out.write("EHLO bench.example\r\n".getBytes(StandardCharsets.US_ASCII));
			expect(in, "250");
			out.write(("MAIL FROM:<bench@example.com>\r\nRCPT TO:<one@example.org>\r\nRCPT TO:<two@example.org>\r\n"
					+ "DATA\r\n").getBytes(StandardCharsets.US_ASCII));
			expect(in, "250");
			expect(in, "250");
			expect(in, "250");
			expect(in, "354");
			out.write("Subject: bench\r\n\r\nHello.\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
			expect(in, "250");
			expect(in, "221");
		}
	}

	private static void expect(BufferedReader in, String code) throws Exception {
		String line;
		do {
			line = in.readLine();
			if (line == null || !line.startsWith(code)) {
				throw new IllegalStateException("Expected " + code + ", got " + line);
			}
		}
		while (line.length() > 3 && line.charAt(3) == '-');
	}

}
