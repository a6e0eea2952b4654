package dev.portico.security;

import dev.portico.web.Problems;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers itself, before any filter or servlet runs (a request line or headers over the size limit, a
 * request it cannot parse): problem+json with the security headers, like every other answer, instead of Tomcat's
 * HTML page with its name and version.
 */
public final class ContainerErrorReport extends ErrorReportValve {

    private final SecurityHeaders headers = new SecurityHeaders();

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code) != null ? HttpStatus.valueOf(code) : HttpStatus.BAD_REQUEST;
        try {
            response.resetBuffer();
            headers.write(request, response);
            String detail = status.is5xxServerError() ? "Something went wrong on our side. Please try again."
                    : "The request could not be handled: " + status.getReasonPhrase() + ".";
            Problems.write(response, status, status.is5xxServerError() ? "INTERNAL_ERROR" : status.name(), status.getReasonPhrase(), detail);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The client went away or the answer was already on its way: nothing more to say.
        }
    }
}
