package dev.portico.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/** Builds problem+json bodies, for MVC handlers and for filters that answer before MVC runs. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** A problem with Portico's {@code code} extension, and {@code errors} when fields failed. */
    public static ProblemDetail of(HttpStatus status, String code, String title, String detail, List<ApiException.FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://portico.dev/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    /** Writes a problem straight to a servlet response. */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail)
            throws IOException {
        write(response, status, code, title, detail, List.of());
    }

    /** Writes a problem with field errors straight to a servlet response. */
    public static void write(HttpServletResponse response, HttpStatus status, String code, String title, String detail,
            List<ApiException.FieldProblem> errors) throws IOException {
        ProblemDetail problem = of(status, code, title, detail, errors);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(problem.getType()));
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.put("code", code);
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body);
    }
}
