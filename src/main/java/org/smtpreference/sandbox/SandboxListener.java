package org.smtpreference.sandbox;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.smtpreference.SiteProperties;

import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

/**
 * The sandbox SMTP listener: binds the configured ports with Netty's non-blocking I/O and
 * runs one {@link SmtpConnection} per client, within the connection limits.
 */
public class SandboxListener implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SandboxListener.class);

	/**
	 * Replies waiting to be sent beyond which a connection stops reading commands (see
	 * {@link SmtpConnection}).
	 */
	static final int REPLY_HIGH_WATER = 64 * 1024;

	/** The most one read from a socket takes in, so a paused connection holds little. */
	static final int READ_LIMIT = 16 * 1024;

	/** How long open sessions get to take their 421 when the listener stops. */
	private static final long SHUTDOWN_WAIT_MILLIS = 2000;

	private final SiteProperties.Sandbox settings;

	private final String publicHost;

	private final String siteAddress;

	private final TranscriptStore store;

	private final SandboxTls tls;

	private final AtomicInteger open = new AtomicInteger();

	private final Map<InetAddress, Integer> perAddress = new ConcurrentHashMap<>();

	private final List<Channel> servers = new ArrayList<>();

	private final ChannelGroup connections = new DefaultChannelGroup("sandbox-connections",
			GlobalEventExecutor.INSTANCE);

	private final ConnectionWarnings warnings = new ConnectionWarnings();

	private final AtomicLong mostBuffered = new AtomicLong();

	private EventLoopGroup acceptors;

	private EventLoopGroup workers;

	private volatile int smtpPort = -1;

	private volatile int smtpsPort = -1;

	/**
	 * A listener whose replies name the server {@code publicHost} and give the live view
	 * under {@code siteAddress}, or as a path when the site's address is not known
	 * ({@code null}).
	 */
	SandboxListener(SiteProperties.Sandbox settings, String publicHost, String siteAddress, TranscriptStore store,
			SandboxTls tls) {
		this.settings = settings;
		this.publicHost = publicHost;
		this.siteAddress = siteAddress;
		this.store = store;
		this.tls = tls;
	}

	@Override
	public synchronized void start() {
		if (!this.settings.enabled() || isRunning()) {
			return;
		}
		this.acceptors = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sandbox-accept", true),
				NioIoHandler.newFactory());
		this.workers = new MultiThreadIoEventLoopGroup(Math.min(4, Runtime.getRuntime().availableProcessors()),
				new DefaultThreadFactory("sandbox-smtp", true), NioIoHandler.newFactory());
		try {
			if (this.settings.smtpPort() != null) {
				this.smtpPort = bind(this.settings.smtpPort(), false);
			}
			if (this.settings.smtpsPort() != null) {
				this.smtpsPort = bind(this.settings.smtpsPort(), true);
			}
		}
		catch (RuntimeException ex) {
			stop();
			throw ex;
		}
		if (this.siteAddress == null) {
			// Said once, at start-up: every session's replies carry only the path.
			logger.warn("The sandbox is on but site.base-url is not set: its SMTP replies give the live view as a"
					+ " path only (/sandbox/{id}), and the generated certificate names "
					+ ((this.settings.publicHost() != null && !this.settings.publicHost().isBlank()) ? this.publicHost
							: "only localhost (set site.sandbox.public-host)"));
		}
		logger.info("Sandbox SMTP listener on " + this.settings.bindAddress() + ", port " + describe(this.smtpPort)
				+ " (STARTTLS), port " + describe(this.smtpsPort) + " (implicit TLS); nothing is relayed or delivered");
	}

	private static String describe(int port) {
		return (port < 0) ? "off" : String.valueOf(port);
	}

	private int bind(int port, boolean implicitTls) {
		ServerBootstrap bootstrap = new ServerBootstrap().group(this.acceptors, this.workers)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, 1024)
			.childOption(ChannelOption.TCP_NODELAY, true)
			// A client that does not read its replies stops being read (see
			// SmtpConnection).
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(16 * 1024, REPLY_HIGH_WATER))
			.childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 1024, READ_LIMIT))
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					if (implicitTls) {
						SslHandler handler = SandboxListener.this.tls.context().newHandler(channel.alloc());
						handler.setHandshakeTimeout(10, TimeUnit.SECONDS);
						channel.pipeline().addLast("tls", handler);
					}
					channel.pipeline().addLast("smtp", new SmtpConnection(SandboxListener.this, implicitTls));
					SandboxListener.this.connections.add(channel);
				}

			});
		try {
			Channel server = bootstrap.bind(new InetSocketAddress(this.settings.bindAddress(), port))
				.syncUninterruptibly()
				.channel();
			this.servers.add(server);
			return ((InetSocketAddress) server.localAddress()).getPort();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("Cannot open the sandbox SMTP port " + port + " on "
					+ this.settings.bindAddress() + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Stops accepting, then ends every open session with {@code 421 4.3.2} (RFC 5321
	 * section 3.8), even in the middle of a message, and gives them a short while to take
	 * it before the connections are cut.
	 */
	synchronized void drain() {
		if (this.servers.isEmpty()) {
			return;
		}
		for (Channel server : this.servers) {
			server.close().syncUninterruptibly();
		}
		this.servers.clear();
		for (Channel connection : this.connections) {
			connection.pipeline().fireUserEventTriggered(SmtpConnection.SHUTTING_DOWN);
		}
		this.connections.newCloseFuture().awaitUninterruptibly(SHUTDOWN_WAIT_MILLIS);
	}

	@Override
	public synchronized void stop() {
		drain();
		if (this.workers != null) {
			this.workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
			this.acceptors.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
			this.workers = null;
			this.acceptors = null;
		}
		this.smtpPort = -1;
		this.smtpsPort = -1;
	}

	@Override
	public synchronized boolean isRunning() {
		return !this.servers.isEmpty() || this.workers != null;
	}

	@Override
	public int getPhase() {
		// Bound before the web server starts, so /sandbox never shows the ports as off.
		return SmartLifecycle.DEFAULT_PHASE - 8192;
	}

	/**
	 * The bound port of the STARTTLS listener, or -1 when it is off.
	 */
	public int smtpPort() {
		return this.smtpPort;
	}

	/**
	 * The bound port of the implicit-TLS listener, or -1 when it is off.
	 */
	public int smtpsPort() {
		return this.smtpsPort;
	}

	/**
	 * Connections open now, over both ports.
	 */
	public int openConnections() {
		return this.open.get();
	}

	/**
	 * The certificate clients see, in PEM form.
	 */
	public String certificatePem() {
		return (this.tls != null) ? this.tls.certificatePem() : null;
	}

	/**
	 * Takes a connection slot for a remote address, or answers false when a limit is
	 * reached.
	 */
	boolean admit(InetAddress address) {
		if (this.open.incrementAndGet() > this.settings.maxConnections()) {
			this.open.decrementAndGet();
			return false;
		}
		boolean[] admitted = { false };
		this.perAddress.compute(address, (key, count) -> {
			int now = (count != null) ? count : 0;
			if (now >= this.settings.maxConnectionsPerAddress()) {
				return count;
			}
			admitted[0] = true;
			return now + 1;
		});
		if (!admitted[0]) {
			this.open.decrementAndGet();
		}
		return admitted[0];
	}

	/**
	 * Gives back the slot of a closed connection.
	 */
	void release(InetAddress address) {
		this.perAddress.computeIfPresent(address, (key, count) -> (count <= 1) ? null : count - 1);
		this.open.decrementAndGet();
	}

	/**
	 * Counts and logs connections ended by a limit or a failure.
	 */
	ConnectionWarnings warnings() {
		return this.warnings;
	}

	/**
	 * Notes what one connection holds in memory after a read: its unread input and its
	 * replies waiting to be sent.
	 */
	void buffered(long bytes) {
		this.mostBuffered.accumulateAndGet(bytes, Math::max);
	}

	/**
	 * The most any connection has held after a read since the listener was made.
	 */
	long mostBuffered() {
		return this.mostBuffered.get();
	}

	SiteProperties.Sandbox settings() {
		return this.settings;
	}

	String publicHost() {
		return this.publicHost;
	}

	/**
	 * Where a session is watched, as said in the SMTP replies: with the site's address
	 * when it is configured; else only the path, since an SMTP connection carries no web
	 * host and a guessed one (such as {@code localhost:8080}) is wrong for remote
	 * readers. {@code /sandbox} also finds the session.
	 */
	String liveView(String id) {
		String path = "/sandbox/" + id;
		return "session " + id + ", watch it live at "
				+ ((this.siteAddress != null) ? this.siteAddress + path : path + " on this sandbox's web site");
	}

	TranscriptStore store() {
		return this.store;
	}

	SandboxTls tls() {
		return this.tls;
	}

	/**
	 * Drains the listener when the context closes, before the web server's graceful
	 * shutdown: the listener itself stops late (it starts before the web server, and one
	 * phase serves both), which let the SMTP ports accept new sessions throughout the web
	 * server's grace period.
	 */
	static final class Drain implements SmartLifecycle {

		/** Stopped before the web server's graceful shutdown, whose phase is lower. */
		static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;

		private final SandboxListener listener;

		private volatile boolean running;

		Drain(SandboxListener listener) {
			this.listener = listener;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
			this.listener.drain();
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return PHASE;
		}

	}

}
