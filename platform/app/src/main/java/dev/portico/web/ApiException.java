package dev.portico.web;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A refusal a client can act on: an HTTP status, a stable {@code code}, and a human {@code detail}.
 * Features throw it (or a subclass) and {@link ApiProblemHandler} renders it as problem+json.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final List<FieldProblem> errors;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    public ApiException(HttpStatus status, String code, String title, String detail, List<FieldProblem> errors) {
        this(status, code, title, detail, errors, Map.of());
    }

    /** With response headers, e.g. {@code Retry-After} on 429 and 503. */
    public ApiException(HttpStatus status, String code, String title, String detail, List<FieldProblem> errors,
            Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    /** 404 for an object that does not exist, or that the caller may not know exists. */
    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", what + " was not found.");
    }

    /** 400 naming each failing field. */
    public static ApiException validation(List<FieldProblem> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
                "Some fields are not valid.", errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** One failing field of a request. */
    public record FieldProblem(String field, String message) {}
}
