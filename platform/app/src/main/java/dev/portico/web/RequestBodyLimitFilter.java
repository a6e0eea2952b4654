package dev.portico.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body is read within two limits:
 * <ul>
 * <li><b>Size</b> ({@code portico.http.max-request-body}): a declared larger body is refused with 413 before it is
 * read, and one of undeclared length (chunked) stops being read at the limit, which {@link ApiProblemHandler} answers
 * with the same 413.</li>
 * <li><b>Time</b> ({@code portico.http.request-body-timeout}): a body still arriving that long after the request
 * started, however steadily it trickles in, stops being read and is answered 408 {@code REQUEST_TIMEOUT}, and the
 * connection is closed. Tomcat's {@code server.tomcat.connection-timeout} bounds each wait for the next bytes, so a
 * client that sends nothing more is cut off at most that much after the deadline.</li>
 * </ul>
 * Runs right after the security headers are written, before anything else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final Duration timeout;

    RequestBodyLimitFilter(RequestLimitProperties properties) {
        this.maxBytes = properties.maxRequestBody().toBytes();
        this.timeout = properties.requestBodyTimeout();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "Request too large", tooLarge(maxBytes));
            return;
        }
        chain.doFilter(new Limited(request, maxBytes, timeout, System.nanoTime() + timeout.toNanos()), response);
    }

    static String tooLarge(long maxBytes) {
        return "The request body is larger than " + (maxBytes % 1024 == 0 ? maxBytes / 1024 + " KiB" : maxBytes + " bytes") + ".";
    }

    static String tooSlow(Duration timeout) {
        return "The request body did not arrive within " + timeout.toSeconds() + " seconds.";
    }

    /** Reading went past the size limit; whoever was reading (a JSON parser, say) fails with this as the cause. */
    static final class TooLarge extends IOException {

        private final long maxBytes;

        TooLarge(long maxBytes) {
            super("request body exceeds " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        long maxBytes() {
            return maxBytes;
        }
    }

    /** Reading went past the time limit; whoever was reading fails with this as the cause. */
    static final class TooSlow extends IOException {

        private final Duration timeout;

        TooSlow(Duration timeout) {
            super("request body still arriving after " + timeout);
            this.timeout = timeout;
        }

        Duration timeout() {
            return timeout;
        }
    }

    /** Reads at most {@code maxBytes} of the body, whatever the request declared, and nothing after the deadline. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;
        private final Duration timeout;
        private final long deadline;

        private Limited(HttpServletRequest request, long maxBytes, Duration timeout, long deadline) {
            super(request);
            this.maxBytes = maxBytes;
            this.timeout = timeout;
            this.deadline = deadline;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    int next = body.read();
                    if (next >= 0 && ++read > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    checkDeadline(next);
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    // One byte more than allowed may be read: that is how a body of exactly the limit is told from a longer one.
                    int count = body.read(buffer, offset, (int) Math.min(length, maxBytes + 1 - read));
                    if (count > 0) {
                        read += count;
                    }
                    if (read > maxBytes) {
                        throw new TooLarge(maxBytes);
                    }
                    checkDeadline(count);
                    return count;
                }

                /** A read that brought bytes after the deadline fails; the end of the body may come at any time. */
                private void checkDeadline(int result) throws TooSlow {
                    if (result >= 0 && System.nanoTime() - deadline > 0) {
                        throw new TooSlow(timeout);
                    }
                }

                @Override
                public boolean isFinished() {
                    return body.isFinished();
                }

                @Override
                public boolean isReady() {
                    return body.isReady();
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    body.setReadListener(listener);
                }
            };
        }
    }
}
