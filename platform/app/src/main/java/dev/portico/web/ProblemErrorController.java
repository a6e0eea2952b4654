package dev.portico.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Errors raised outside Spring MVC (in filters or by the container) also answer problem+json, never an HTML page. */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        // A filter that needed the database while it was down: 503, as in the handlers.
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure && Problems.databaseUnavailable(failure)) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Problems.DATABASE_RETRY_AFTER_SECONDS)
                    .body(Problems.databaseUnavailable());
        }
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError()
                ? "Something went wrong on our side. Please try again."
                : "The request could not be handled: " + status.getReasonPhrase() + ".";
        String problemCode = status.is5xxServerError() ? "INTERNAL_ERROR" : status.name();
        return ResponseEntity.status(status).body(Problems.of(status, problemCode, status.getReasonPhrase(), detail, List.of()));
    }
}
