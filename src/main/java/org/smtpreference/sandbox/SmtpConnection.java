package org.smtpreference.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.ScheduledFuture;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.smtpreference.session.Delivery;
import org.smtpreference.session.ServerReply;
import org.smtpreference.session.SessionSettings;
import org.smtpreference.session.SmtpSession;

/**
 * One client connection: frames the byte stream into CRLF lines (or exact BDAT octets),
 * feeds them to the session engine, writes its replies and flushes them when no more
 * input is waiting (RFC 2920), and records everything in the transcript. A client that
 * does not read its replies stops being read, and is closed once it would make the
 * connection hold more than {@link #maxBuffered} octets.
 */
final class SmtpConnection extends ByteToMessageDecoder {

	private static final Log logger = LogFactory.getLog(SmtpConnection.class);

	/**
	 * RFC 4954 section 4: a line answering an AUTH challenge may be 12288 octets; longer
	 * command lines are cut here and refused by the engine without being buffered whole.
	 */
	private static final int AUTH_LINE = 12288;

	/** Message content is handed to the engine in pieces of at most this many octets. */
	private static final int CONTENT_PIECE = 16 * 1024;

	/** How long a closing connection may take to send its last reply. */
	private static final long CLOSE_GRACE_SECONDS = 5;

	/**
	 * Inside a BDAT chunk the idle timeout restarts only per this many octets (or at the
	 * chunk's end), so a client dribbling a byte at a time cannot hold a connection.
	 */
	static final int CHUNK_PROGRESS = 4 * 1024;

	/** What the engine's STARTTLS reply says of TLS, which is real here. */
	private static final String SIMULATED_TLS = " (simulated: the session continues as if encrypted)";

	/** Sent through the pipeline by the listener when it stops. */
	static final Object SHUTTING_DOWN = new Object();

	/**
	 * What one connection may hold in memory (unread input plus replies not yet sent): a
	 * command line plus 64 KiB. Reading pauses when 64 KiB of replies wait, so only a
	 * client that pipelines more than a line beyond that and never reads reaches it.
	 */
	private final int maxBuffered;

	private final ConnectionWarnings warnings;

	private final SandboxListener listener;

	private final boolean implicitTls;

	private final int commandCap;

	private final long idleNanos;

	private String id;

	private SmtpSession session;

	private InetAddress address;

	private boolean admitted;

	private boolean closing;

	private boolean paused;

	// Skipping the rest of an over-long command line, up to its LF.
	private boolean discarding;

	// The next content piece continues a line cut in pieces.
	private boolean continuation;

	// The next client line answers an AUTH challenge: not shown.
	private boolean authResponse;

	private long contentOctets;

	// Chunk octets read since the idle timeout last restarted.
	private long chunkOctetsSinceProgress;

	// Said in the first 250 reply after STARTTLS: the session's new id.
	private String announcement;

	private long lastProgress;

	private String lastQueueId;

	// The content of the message being received, as it came (dot-stuffed for DATA), up
	// to what is kept: the live view shows it decoded and offers it as an .eml file.
	private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

	private final int keptOctets;

	private boolean capturedBinary;

	private ScheduledFuture<?> idleCheck;

	private ScheduledFuture<?> sessionEnd;

	private ScheduledFuture<?> forcedClose;

	SmtpConnection(SandboxListener listener, boolean implicitTls) {
		this.listener = listener;
		this.implicitTls = implicitTls;
		this.commandCap = Math.max(listener.settings().maxLineLength(), AUTH_LINE) + 2;
		this.idleNanos = listener.settings().idleTimeout().toNanos();
		this.maxBuffered = this.commandCap + SandboxListener.REPLY_HIGH_WATER;
		this.warnings = listener.warnings();
		this.keptOctets = (int) Math.min(Integer.MAX_VALUE - 16, listener.settings().messageKept().toBytes());
	}

	/**
	 * The most one connection may hold in memory after a read, for a given command line
	 * length.
	 */
	static int maxBuffered(int maxLineLength) {
		return Math.max(maxLineLength, AUTH_LINE) + 2 + SandboxListener.REPLY_HIGH_WATER;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) throws Exception {
		this.address = remoteAddress(ctx);
		if (!this.listener.admit(this.address)) {
			this.closing = true;
			ctx.writeAndFlush(
					ascii("421 4.7.0 " + this.listener.publicHost() + " Too many connections, try again later\r\n"))
				.addListener(ChannelFutureListener.CLOSE);
			closeLater(ctx);
			return;
		}
		this.admitted = true;
		this.id = SessionIds.next();
		this.listener.store().open(this.id, System.currentTimeMillis(), this.address);
		var sandbox = this.listener.settings();
		String note = this.listener.liveView(this.id);
		SessionSettings settings = new SessionSettings(this.listener.publicHost(), sandbox.maxMessageSize().toBytes(),
				sandbox.maxRecipients(), sandbox.maxLineLength(), this.implicitTls, Set.of(), note,
				ThreadLocalRandom.current().nextLong());
		this.session = new SmtpSession(settings);
		note(this.implicitTls ? "sandbox.note.tlsOpened" : "sandbox.note.opened");
		this.lastProgress = System.nanoTime();
		this.idleCheck = ctx.executor().schedule(() -> checkIdle(ctx), this.idleNanos, TimeUnit.NANOSECONDS);
		this.sessionEnd = ctx.executor()
			.schedule(() -> timeOut(ctx, "session time limit reached"), sandbox.sessionTimeout().toNanos(),
					TimeUnit.NANOSECONDS);
		reply(ctx, this.session.greeting());
		ctx.flush();
		super.channelActive(ctx);
	}

	private static InetAddress remoteAddress(ChannelHandlerContext ctx) {
		if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
			return remote.getAddress();
		}
		return InetAddress.getLoopbackAddress();
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) throws Exception {
		this.closing = true;
		if (this.idleCheck != null) {
			this.idleCheck.cancel(false);
		}
		if (this.sessionEnd != null) {
			this.sessionEnd.cancel(false);
		}
		if (this.forcedClose != null) {
			this.forcedClose.cancel(false);
		}
		if (this.admitted) {
			this.admitted = false;
			this.listener.release(this.address);
			note("sandbox.note.closed");
			this.listener.store().close(this.id);
		}
		super.channelInactive(ctx);
	}

	@Override
	protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
		while (in.isReadable()) {
			if (this.closing || this.session == null) {
				in.skipBytes(in.readableBytes());
				return;
			}
			if (!ctx.channel().isWritable()) {
				// The client is not reading its replies: stop reading its commands until
				// it does, so the replies waiting to go out stay bounded.
				ctx.flush();
				if (!ctx.channel().isWritable()) {
					this.paused = true;
					ctx.channel().config().setAutoRead(false);
					return;
				}
			}
			long pending = this.session.pendingChunkOctets();
			if (pending > 0) {
				chunk(ctx, in, (int) Math.min(pending, in.readableBytes()));
				continue;
			}
			boolean content = this.session.isReadingContent();
			int cap = content ? CONTENT_PIECE : this.commandCap;
			int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
			int length = (lf < 0) ? in.readableBytes() : lf - in.readerIndex();
			if (this.discarding) {
				in.skipBytes((lf < 0) ? length : length + 1);
				this.discarding = lf < 0;
				continue;
			}
			if (length > cap) {
				overlong(ctx, in, cap, content, lf);
				continue;
			}
			if (lf < 0) {
				return;
			}
			if (length == 0 || in.getByte(lf - 1) != '\r') {
				bareLineFeed(ctx, in);
				return;
			}
			byte[] bytes = new byte[length];
			in.readBytes(bytes);
			in.skipBytes(1);
			int end = (length > 0 && bytes[length - 1] == '\r') ? length - 1 : length;
			String line = new String(bytes, 0, end, StandardCharsets.UTF_8);
			if (content) {
				capture(bytes, 0, end, true);
				contentLine(ctx, line, end);
			}
			else {
				command(ctx, line, in);
			}
		}
	}

	/**
	 * A line longer than the cap: a command line is cut, handed over (the engine refuses
	 * it) and the rest skipped; message content is handed over in pieces.
	 */
	private void overlong(ChannelHandlerContext ctx, ByteBuf in, int cap, boolean content, int lf) {
		// A piece of content never ends between CR and LF, or the LF would look bare.
		if (content && in.getByte(in.readerIndex() + cap - 1) == '\r') {
			cap--;
		}
		byte[] bytes = new byte[cap];
		in.readBytes(bytes);
		String piece = new String(bytes, StandardCharsets.UTF_8);
		if (content) {
			capture(bytes, 0, cap, false);
			contentLine(ctx, piece, cap);
			this.continuation = true;
			return;
		}
		if (lf < 0) {
			this.discarding = true;
		}
		else {
			in.skipBytes(lf + 1 - in.readerIndex());
		}
		command(ctx, piece, in);
	}

	/**
	 * A line ended by a bare LF: refused and the connection closed, as Postfix does with
	 * smtpd_forbid_bare_newline = reject (RFC 5321 section 2.3.8; SMTP smuggling,
	 * CVE-2023-51764); nothing after it is read.
	 */
	private void bareLineFeed(ChannelHandlerContext ctx, ByteBuf in) {
		in.skipBytes(in.readableBytes());
		note("sandbox.note.bareLf");
		closeWith(ctx, this.session.bareLineFeed().lines().get(0));
	}

	private void command(ChannelHandlerContext ctx, String line, ByteBuf in) {
		this.lastProgress = System.nanoTime();
		this.listener.store().append(this.id, new TranscriptLine(TranscriptLine.Direction.CLIENT, now(), shown(line)));
		boolean wasEncrypted = this.session.isEncrypted();
		boolean wasAuthResponse = this.authResponse;
		ServerReply reply = this.session.receive(line);
		this.authResponse = reply.code() == 334;
		String verb = wasAuthResponse ? "" : verb(line);
		// A message's content starts after MAIL (BDAT chunks add up until LAST) or, for
		// DATA, after the 354.
		if (verb.equals("MAIL") || (verb.equals("DATA") && this.session.isReadingContent())) {
			this.captured.reset();
			this.capturedBinary = false;
		}
		boolean startsTls = !wasEncrypted && this.session.isEncrypted();
		if (startsTls) {
			// The engine's text is the playground's, where TLS is only simulated; here
			// the handshake is real.
			reply(ctx, reply.lines().stream().map((text) -> text.replace(SIMULATED_TLS, "")).toList(), null);
		}
		else if (verb.equals("EHLO") && reply.code() == 250) {
			// Clients that hide the greeting (openssl -starttls, smtplib) still show
			// the EHLO reply: its first line names the session too.
			reply(ctx, reply.lines(), this.listener.liveView(this.id));
			this.announcement = null;
		}
		else {
			replyQueued(ctx, reply, newDelivery());
		}
		if (this.session.isReadingContent()) {
			this.contentOctets = 0;
		}
		if (startsTls) {
			startTls(ctx, in);
		}
		else if (this.session.isClosed()) {
			close(ctx);
		}
		else {
			deliveries();
		}
	}

	/**
	 * What the transcript shows of a client line: AUTH credentials are masked, since a
	 * reader may have typed a real password.
	 */
	private String shown(String line) {
		if (this.authResponse) {
			return "**** (AUTH response hidden)";
		}
		String[] words = line.strip().split(" +");
		if (words.length >= 3 && words[0].toUpperCase(Locale.ROOT).equals("AUTH")) {
			return words[0] + " " + words[1] + " ****";
		}
		return line;
	}

	private void contentLine(ChannelHandlerContext ctx, String line, int octets) {
		this.lastProgress = System.nanoTime();
		// A piece that continues a cut line must not look like the end of the content or
		// lose a dot to unstuffing: stuff it once more.
		String fed = (this.continuation && line.startsWith(".")) ? "." + line : line;
		this.continuation = false;
		this.contentOctets += octets + 2;
		ServerReply reply = this.session.receive(fed);
		if (!reply.isEmpty()) {
			Delivery delivered = newDelivery();
			if (delivered != null) {
				note("sandbox.note.contentQueued", this.contentOctets, delivered.octets());
			}
			else {
				note("sandbox.note.content", this.contentOctets);
			}
			replyQueued(ctx, reply, delivered);
			deliveries();
		}
	}

	private void chunk(ChannelHandlerContext ctx, ByteBuf in, int length) {
		this.chunkOctetsSinceProgress += length;
		if (this.chunkOctetsSinceProgress >= CHUNK_PROGRESS || length == this.session.pendingChunkOctets()) {
			this.lastProgress = System.nanoTime();
			this.chunkOctetsSinceProgress = 0;
		}
		byte[] octets = new byte[length];
		in.readBytes(octets);
		this.contentOctets += length;
		this.capturedBinary = true;
		capture(octets, 0, length, false);
		ServerReply reply = this.session.receiveChunk(octets, 0, length);
		if (!reply.isEmpty()) {
			note("sandbox.note.chunk", this.contentOctets);
			this.contentOctets = 0;
			replyQueued(ctx, reply, newDelivery());
			deliveries();
		}
	}

	/**
	 * After the 220 to STARTTLS: sends it in the clear, drops whatever the client sent
	 * after STARTTLS before the handshake (RFC 3207 section 4; CVE-2011-0411), then puts
	 * TLS in front of everything.
	 */
	private void startTls(ChannelHandlerContext ctx, ByteBuf in) {
		int injected = in.readableBytes();
		in.skipBytes(injected);
		// Flushed before the TLS handler is added, so the 220 leaves unencrypted.
		ctx.flush();
		SslHandler handler = this.listener.tls().context().newHandler(ctx.alloc());
		handler.setHandshakeTimeout(10, TimeUnit.SECONDS);
		ctx.pipeline().addFirst("tls", handler);
		if (injected > 0) {
			note("sandbox.note.discarded", injected);
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
		if (event == SHUTTING_DOWN) {
			shutDown(ctx);
			return;
		}
		if (event instanceof SslHandshakeCompletionEvent handshake) {
			if (handshake.isSuccess()) {
				SslHandler handler = ctx.pipeline().get(SslHandler.class);
				var engineSession = (handler != null) ? handler.engine().getSession() : null;
				if (!this.implicitTls && this.admitted) {
					renewId();
				}
				if (engineSession != null) {
					note("sandbox.note.handshake", engineSession.getProtocol(), engineSession.getCipherSuite());
				}
				else {
					note("sandbox.note.handshakeBare");
				}
			}
			else {
				// TLS garbage is the client's doing: not worth a warning.
				logger.debug("Sandbox TLS handshake failed", handshake.cause());
				note("sandbox.note.handshakeFailed");
				this.closing = true;
				ctx.close();
			}
		}
		super.userEventTriggered(ctx, event);
	}

	/**
	 * After STARTTLS the session goes on under a new id, told only inside TLS: the id of
	 * the clear greeting could be read on the wire, so its transcript keeps only what
	 * crossed in the clear.
	 */
	private void renewId() {
		note("sandbox.note.tlsStarted");
		this.listener.store().close(this.id);
		this.id = SessionIds.next();
		this.listener.store().open(this.id, System.currentTimeMillis(), this.address);
		note("sandbox.note.continues");
		this.announcement = this.listener.liveView(this.id);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		logger.debug("Sandbox connection failed", cause);
		if (!this.closing && this.admitted) {
			note("sandbox.note.error", cause.getClass().getSimpleName());
			// TLS garbage is the client's doing and stays at debug; resets and other I/O
			// errors are too, one at a time, but many at once (or direct memory running
			// out) are worth an operator's look.
			if ((cause instanceof IOException && !(cause instanceof SSLException))
					|| cause instanceof OutOfMemoryError) {
				this.warnings.record(ConnectionWarnings.Kind.FAILED, describe(cause));
			}
		}
		this.closing = true;
		ctx.close();
	}

	private String describe(Throwable cause) {
		return this.address.getHostAddress() + ", " + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? ": " + cause.getMessage() : "");
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
		super.channelRead(ctx, msg);
		long buffered = buffered(ctx);
		if (buffered > this.maxBuffered && !this.closing && this.admitted) {
			overflow(ctx, "held " + buffered + " octets");
			buffered = buffered(ctx);
		}
		this.listener.buffered(buffered);
	}

	private long buffered(ChannelHandlerContext ctx) {
		ChannelOutboundBuffer output = ctx.channel().unsafe().outboundBuffer();
		return internalBuffer().readableBytes() + ((output != null) ? output.totalPendingWriteBytes() : 0);
	}

	/**
	 * Closes a connection that holds too much: its unread commands are dropped and the
	 * 421 goes after the replies already waiting. 4.7.0 (RFC 3463: other security or
	 * policy status), as for the connection limits: a limit on this client, while 4.3.2
	 * would say the whole system is not accepting.
	 */
	private void overflow(ChannelHandlerContext ctx, String detail) {
		internalBuffer().skipBytes(internalBuffer().readableBytes());
		this.warnings.record(ConnectionWarnings.Kind.BUFFERED_TOO_MUCH,
				this.address.getHostAddress() + " " + detail + " (limit " + this.maxBuffered + " octets)");
		closeWith(ctx, "421 4.7.0 " + this.listener.publicHost()
				+ " Closing connection: too many commands sent without reading the replies");
	}

	/**
	 * Sends a last reply and closes. Closing a socket with unread input resets it, and
	 * the reset can overtake the reply: the output is shut once the reply is out, then
	 * the client's input is read and dropped until it closes (or the grace period ends).
	 */
	private void closeWith(ChannelHandlerContext ctx, String line) {
		this.listener.store().append(this.id, new TranscriptLine(TranscriptLine.Direction.SERVER, now(), line));
		this.closing = true;
		ctx.writeAndFlush(ascii(line + "\r\n")).addListener((ChannelFutureListener) (sent) -> {
			if (!sent.isSuccess() || !(sent.channel() instanceof SocketChannel socket)) {
				return;
			}
			SslHandler tls = sent.channel().pipeline().get(SslHandler.class);
			if (tls != null) {
				tls.closeOutbound().addListener((ChannelFutureListener) (notified) -> socket.shutdownOutput());
			}
			else {
				socket.shutdownOutput();
			}
		});
		ctx.channel().config().setAutoRead(true);
		closeLater(ctx);
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
		// RFC 2920 section 3.1: replies are sent once no more input is waiting.
		ctx.flush();
		if (this.paused || this.closing) {
			// ByteToMessageDecoder would ask for another read when nothing was decoded
			// with auto-read off: a client that does not read would then be read without
			// end.
			ctx.fireChannelReadComplete();
			return;
		}
		super.channelReadComplete(ctx);
	}

	/**
	 * The listener stops: RFC 5321 section 3.8 lets a server end any session with 421,
	 * even within a message.
	 */
	private void shutDown(ChannelHandlerContext ctx) {
		if (this.closing || !this.admitted) {
			ctx.close();
			return;
		}
		closeWith(ctx, "421 4.3.2 " + this.listener.publicHost() + " Service shutting down, closing connection");
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
		if (this.paused && !this.closing && ctx.channel().isWritable()) {
			this.paused = false;
			ctx.channel().config().setAutoRead(true);
			// Goes on with the commands already buffered.
			channelRead(ctx, Unpooled.EMPTY_BUFFER);
			ctx.flush();
		}
		super.channelWritabilityChanged(ctx);
	}

	private void reply(ChannelHandlerContext ctx, ServerReply reply) {
		if (reply.isEmpty()) {
			return;
		}
		String added = null;
		if (this.announcement != null && reply.code() == 250) {
			// The first reply inside TLS names the new id, as the greeting named the
			// first.
			added = this.announcement;
			this.announcement = null;
		}
		reply(ctx, reply.lines(), added);
	}

	/**
	 * The reply to the end of a message: when it queued one, it names the session, so a
	 * client that shows only its last reply still leads to the live view.
	 */
	private void replyQueued(ChannelHandlerContext ctx, ServerReply reply, Delivery delivered) {
		if (delivered != null && reply.code() == 250) {
			reply(ctx, reply.lines(), this.listener.liveView(this.id));
		}
		else {
			reply(ctx, reply);
		}
	}

	/**
	 * Writes reply lines, with {@code added} (when not {@code null}) after the first
	 * line's text, where RFC 5321 leaves the text free.
	 */
	private void reply(ChannelHandlerContext ctx, List<String> original, String added) {
		if (original.isEmpty()) {
			return;
		}
		List<String> lines = original;
		if (added != null) {
			lines = new ArrayList<>(original);
			lines.set(0, lines.get(0) + "; " + added);
		}
		StringBuilder text = new StringBuilder();
		long at = now();
		for (String line : lines) {
			text.append(line).append("\r\n");
			this.listener.store().append(this.id, new TranscriptLine(TranscriptLine.Direction.SERVER, at, line));
		}
		ctx.write(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
	}

	/**
	 * The message the engine accepted since the last one was recorded, or {@code null}.
	 */
	private Delivery newDelivery() {
		List<Delivery> accepted = this.session.deliveries();
		if (accepted.isEmpty()) {
			return null;
		}
		Delivery last = accepted.get(accepted.size() - 1);
		return last.queueId().equals(this.lastQueueId) ? null : last;
	}

	private void deliveries() {
		Delivery last = newDelivery();
		if (last != null) {
			this.lastQueueId = last.queueId();
			// The engine keeps the start of the text; the live view needs the octets.
			this.listener.store()
				.deliver(this.id,
						new Delivery(last.queueId(), last.reversePath(), last.recipients(), last.octets(), RawMessage
							.kept(this.captured.toByteArray(), !this.capturedBinary, last.octets(), this.keptOctets)));
			this.captured.reset();
			this.capturedBinary = false;
		}
	}

	/**
	 * Keeps content octets as they came, up to a little more than is kept of a message
	 * (the rest is counted by the engine, not kept here).
	 */
	private void capture(byte[] bytes, int from, int length, boolean lineEnds) {
		int room = this.keptOctets + 64 - this.captured.size();
		if (room <= 0) {
			return;
		}
		this.captured.write(bytes, from, Math.min(length, room));
		if (lineEnds && room > length) {
			this.captured.write('\r');
			this.captured.write('\n');
		}
	}

	private static String verb(String line) {
		String stripped = line.stripLeading();
		int space = stripped.indexOf(' ');
		return ((space < 0) ? stripped : stripped.substring(0, space)).toUpperCase(Locale.ROOT);
	}

	private void close(ChannelHandlerContext ctx) {
		this.closing = true;
		ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		closeLater(ctx);
	}

	private void checkIdle(ChannelHandlerContext ctx) {
		if (this.closing) {
			return;
		}
		long waited = System.nanoTime() - this.lastProgress;
		if (waited >= this.idleNanos && this.paused) {
			// No progress because the client does not read its replies.
			overflow(ctx, "did not read its replies for the idle timeout");
		}
		else if (waited >= this.idleNanos) {
			timeOut(ctx, "idle timeout");
		}
		else {
			this.idleCheck = ctx.executor()
				.schedule(() -> checkIdle(ctx), this.idleNanos - waited, TimeUnit.NANOSECONDS);
		}
	}

	/**
	 * Ends the session with 421 4.4.2, as RFC 5321 section 4.5.3.2 lets a server do.
	 */
	private void timeOut(ChannelHandlerContext ctx, String why) {
		if (this.closing) {
			return;
		}
		this.warnings.record(ConnectionWarnings.Kind.TIMED_OUT, this.address.getHostAddress() + ", " + why);
		closeWith(ctx, "421 4.4.2 " + this.listener.publicHost() + " Closing connection: " + why);
	}

	/**
	 * Closes a connection that cannot send its last reply (a client that does not read).
	 */
	private void closeLater(ChannelHandlerContext ctx) {
		if (this.forcedClose == null) {
			this.forcedClose = ctx.executor().schedule(() -> {
				ctx.close();
			}, CLOSE_GRACE_SECONDS, TimeUnit.SECONDS);
		}
	}

	/**
	 * Adds a note of the listener to the transcript, stored as a message key of
	 * {@code sandbox.note.*} and its arguments so each reader sees it in their language.
	 */
	private void note(String key, Object... arguments) {
		this.listener.store().append(this.id, TranscriptLine.note(now(), key, arguments));
	}

	private static long now() {
		return System.currentTimeMillis();
	}

	private static ByteBuf ascii(String text) {
		return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
	}

}
