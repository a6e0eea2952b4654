package dev.portico.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No body is read past {@code portico.http.max-request-body}: a declared larger one is refused with 413 before it
 * is read, and one of undeclared length (chunked) stops being read at the limit, which {@link ApiProblemHandler}
 * answers with the same 413. Runs right after the security headers are written, before anything else.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimitFilter(RequestLimitProperties properties) {
        this.maxBytes = properties.maxRequestBody().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "Request too large", tooLarge(maxBytes));
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    static String tooLarge(long maxBytes) {
        return "The request body is larger than " + (maxBytes % 1024 == 0 ? maxBytes / 1024 + " KiB" : maxBytes + " bytes") + ".";
    }

    /** Reading went past the limit; whoever was reading (a JSON parser, say) fails with this as the cause. */
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

    /** Reads at most {@code maxBytes} of the body, whatever the request declared. */
    private static final class Limited extends HttpServletRequestWrapper {

        private final long maxBytes;

        private Limited(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
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
                    return count;
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
