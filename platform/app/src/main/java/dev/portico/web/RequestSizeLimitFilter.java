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
 * No API body is larger than {@value #MAX_BYTES} bytes: a declared larger one is refused with 413 before it is
 * read, and a chunked one stops being read at the limit (and then fails to parse, a 400).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    static final int MAX_BYTES = 64 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > MAX_BYTES) {
            Problems.write(response, HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", "Request too large",
                    "The request body is larger than " + MAX_BYTES / 1024 + " KiB.");
            return;
        }
        chain.doFilter(new Limited(request), response);
    }

    /** Reads at most {@link #MAX_BYTES} of the body, whatever the request declared. */
    private static final class Limited extends HttpServletRequestWrapper {

        private Limited(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            ServletInputStream body = super.getInputStream();
            return new ServletInputStream() {
                private long read;

                @Override
                public int read() throws IOException {
                    if (read >= MAX_BYTES) {
                        throw new IOException("request body exceeds " + MAX_BYTES + " bytes");
                    }
                    int next = body.read();
                    if (next >= 0) {
                        read++;
                    }
                    return next;
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    if (read >= MAX_BYTES) {
                        throw new IOException("request body exceeds " + MAX_BYTES + " bytes");
                    }
                    int count = body.read(buffer, offset, (int) Math.min(length, MAX_BYTES - read));
                    if (count > 0) {
                        read += count;
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
