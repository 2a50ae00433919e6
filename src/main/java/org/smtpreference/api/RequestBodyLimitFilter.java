package org.smtpreference.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Holds every request body to the API to a limit, whether or not it says its length: a
 * declared {@code Content-Length} over the limit fails on the first read, and a chunked
 * body fails as soon as it has delivered one byte too many, so a client can never make
 * the server read more than the limit.
 */
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	RequestBodyLimitFilter(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		LimitedRequest limited = new LimitedRequest(request, this.limit);
		try {
			chain.doFilter(limited, response);
		}
		finally {
			limited.drainIfRefused();
		}
	}

	/**
	 * A request whose body can be read only up to a limit.
	 */
	static final class LimitedRequest extends HttpServletRequestWrapper {

		/**
		 * The most a refused body is read to let its client hear the 413.
		 */
		static final long DRAIN_LIMIT = 1024 * 1024;

		private final long limit;

		private ServletInputStream stream;

		private BufferedReader reader;

		private boolean refused;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (getContentLengthLong() > this.limit) {
				this.refused = true;
				throw new RequestBodyTooLargeException(this.limit);
			}
			if (this.stream == null) {
				this.stream = new CountingInputStream(super.getInputStream(), this.limit, () -> this.refused = true);
			}
			return this.stream;
		}

		/**
		 * After a refusal, reads and drops what the client is still sending, up to
		 * {@link #DRAIN_LIMIT}: a connection closed with unread bytes is reset, and the
		 * reset can reach the client before the 413, which it then never reads. Beyond
		 * that much the connection is simply closed.
		 */
		void drainIfRefused() {
			if (!this.refused) {
				return;
			}
			long declared = getContentLengthLong();
			if (declared > DRAIN_LIMIT) {
				return;
			}
			try {
				ServletInputStream in = super.getInputStream();
				byte[] buffer = new byte[8192];
				long drained = 0;
				int read;
				while (drained <= DRAIN_LIMIT && (read = in.read(buffer)) != -1) {
					drained += read;
				}
			}
			catch (IOException | IllegalStateException ex) {
				// The client went away, or the body was read as parameters: nothing to
				// drop.
			}
		}

		@Override
		public BufferedReader getReader() throws IOException {
			if (this.reader == null) {
				String encoding = getCharacterEncoding();
				Charset charset = (encoding != null && Charset.isSupported(encoding)) ? Charset.forName(encoding)
						: StandardCharsets.UTF_8;
				this.reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
			}
			return this.reader;
		}

	}

	/**
	 * Passes bytes on until more than the limit have come.
	 */
	static final class CountingInputStream extends ServletInputStream {

		private final ServletInputStream in;

		private final long limit;

		private long count;

		private final Runnable onRefusal;

		CountingInputStream(ServletInputStream in, long limit, Runnable onRefusal) {
			this.in = in;
			this.limit = limit;
			this.onRefusal = onRefusal;
		}

		@Override
		public int read() throws IOException {
			int read = this.in.read();
			if (read != -1) {
				counted(1);
			}
			return read;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.in.read(buffer, offset, length);
			if (read > 0) {
				counted(read);
			}
			return read;
		}

		private void counted(int bytes) throws RequestBodyTooLargeException {
			this.count += bytes;
			if (this.count > this.limit) {
				this.onRefusal.run();
				throw new RequestBodyTooLargeException(this.limit);
			}
		}

		@Override
		public boolean isFinished() {
			return this.in.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.in.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.in.setReadListener(listener);
		}

		@Override
		public void close() throws IOException {
			this.in.close();
		}

	}

}
