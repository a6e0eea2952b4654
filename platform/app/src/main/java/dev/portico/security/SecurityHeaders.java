package dev.portico.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The security headers every answer carries: HSTS (honoured by browsers over HTTPS), no referrer (login links carry
 * a token), a strict CSP, no framing, no content sniffing. Written first thing, before any filter can answer, so
 * the answers given before the security filter chain runs (an unknown host's 404, a studio's 503, a body's 413)
 * carry them too; the chains' own header writers then find them present and leave them be.
 */
final class SecurityHeaders extends OncePerRequestFilter {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; "
            + "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    static final long HSTS_MAX_AGE_SECONDS = 31_536_000;

    private final List<HeaderWriter> writers;

    SecurityHeaders() {
        HstsHeaderWriter hsts = new HstsHeaderWriter(HSTS_MAX_AGE_SECONDS, true);
        // On every answer: behind a proxy that ends TLS the request looks like plain HTTP, and browsers ignore the
        // header over plain HTTP anyway.
        hsts.setRequestMatcher(request -> true);
        this.writers = List.of(hsts,
                new ReferrerPolicyHeaderWriter(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER),
                new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY),
                new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
                new XContentTypeOptionsHeaderWriter());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        write(request, response);
        chain.doFilter(request, response);
    }

    /** Writes the headers; also for answers the container gives itself ({@link ContainerErrorReport}). */
    void write(HttpServletRequest request, HttpServletResponse response) {
        writers.forEach(writer -> writer.writeHeaders(request, response));
    }
}
