package dev.portico.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Renders every error as RFC 9457 problem+json with a stable {@code code}: field errors for bad input,
 * never a stack trace, and a 500 only for our own faults (logged with the request path).
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> handle(ApiException e) {
        return ResponseEntity.status(e.status())
                .headers(headers -> e.headers().forEach(headers::set))
                .body(Problems.of(e.status(), e.code(), e.title(), e.getMessage(), e.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> handle(MethodArgumentTypeMismatchException e) {
        return validation(List.of(new ApiException.FieldProblem(e.getName(), "has the wrong format")));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> handle(ConstraintViolationException e) {
        return validation(e.getConstraintViolations().stream()
                .map(v -> new ApiException.FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> handleUnexpected(Exception e, HttpServletRequest request) {
        if (Problems.databaseUnavailable(e)) {
            // Not our fault, and it passes (a database restart, a failover): say so, and when to come back.
            log.warn("Database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, Problems.DATABASE_RETRY_AFTER_SECONDS)
                    .body(Problems.databaseUnavailable());
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "INTERNAL_ERROR", "Something went wrong", "Something went wrong on our side. Please try again.", List.of()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new ApiException.FieldProblem(f.getField(), String.valueOf(f.getDefaultMessage())))
                .toList();
        return body(validation(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiException.FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(error -> new ApiException.FieldProblem(
                        String.valueOf(r.getMethodParameter().getParameterName()), String.valueOf(error.getDefaultMessage()))))
                .toList();
        return body(validation(errors));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(validation(List.of(new ApiException.FieldProblem(e.getParameterName(), "is required"))));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestBodyLimitFilter.TooLarge tooLarge) {
                // A body of undeclared length that went on past the limit: the same answer as a declared one.
                return body(ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                        "PAYLOAD_TOO_LARGE", "Request too large", RequestBodyLimitFilter.tooLarge(tooLarge.maxBytes()), List.of())));
            }
            if (cause instanceof RequestBodyLimitFilter.TooSlow || cause instanceof SocketTimeoutException) {
                // The rest of the body is never read: the connection closes after the answer instead of draining it.
                String detail = cause instanceof RequestBodyLimitFilter.TooSlow tooSlow
                        ? RequestBodyLimitFilter.tooSlow(tooSlow.timeout())
                        : "The request body stopped arriving before it was complete.";
                return body(ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(HttpHeaders.CONNECTION, "close")
                        .body(Problems.of(HttpStatus.REQUEST_TIMEOUT, "REQUEST_TIMEOUT", "Request too slow", detail, List.of())));
            }
        }
        return body(ResponseEntity.badRequest().body(Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST",
                "Malformed request", "The request body is missing or is not valid JSON of the expected shape.", List.of())));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND",
                "Not found", "There is nothing at this address.", List.of())));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).body(Problems.of(HttpStatus.METHOD_NOT_ALLOWED,
                "METHOD_NOT_ALLOWED", "Method not allowed", "This address does not accept " + e.getMethod() + ".", List.of())));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return body(ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "UNSUPPORTED_MEDIA_TYPE", "Unsupported media type", "Send the request body as application/json.", List.of())));
    }

    /** Everything else Spring MVC raises (406, 413, ...) keeps its status and gains a code. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getProperties() == null) {
            HttpStatus status = HttpStatus.valueOf(statusCode.value());
            problem.setProperty("code", status.name());
        }
        return super.createResponseEntity(body, headers, statusCode, request);
    }

    private static ResponseEntity<ProblemDetail> validation(List<ApiException.FieldProblem> errors) {
        ApiException e = ApiException.validation(errors);
        return ResponseEntity.badRequest().body(Problems.of(e.status(), e.code(), e.title(), e.getMessage(), e.errors()));
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<Object> body(ResponseEntity<? extends Object> entity) {
        return (ResponseEntity<Object>) entity;
    }

    private static String lastNode(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
