package dev.portico.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query parameter holding a NUL character ({@code %00}) is refused with 400 {@code VALIDATION_FAILED} naming the
 * parameter, before anything looks it up: PostgreSQL cannot even compare text with a NUL in it. See
 * {@link ReadableText} for bodies.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class TextParametersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && query.toLowerCase(Locale.ROOT).contains("%00")) {
            List<ApiException.FieldProblem> errors = new ArrayList<>();
            for (String pair : query.split("&")) {
                if (pair.toLowerCase(Locale.ROOT).contains("%00")) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    errors.add(new ApiException.FieldProblem(decode(name), "must not contain a NUL character"));
                }
            }
            ApiException e = ApiException.validation(errors);
            Problems.write(response, HttpStatus.BAD_REQUEST, e.code(), e.title(), e.getMessage(), e.errors());
            return;
        }
        chain.doFilter(request, response);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
