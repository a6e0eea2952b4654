package dev.portico.web;

import jakarta.servlet.ServletException;
import java.io.IOException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * Slow clients are cut off at every stage of a request: the request line and headers by {@link SlowClientProtocol},
 * the body by {@link RequestBodyLimitFilter}, and each wait for the next bytes by Tomcat's
 * {@code server.tomcat.connection-timeout}.
 */
@Configuration(proxyBeanMethods = false)
class SlowClientConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> slowClientProtection(RequestLimitProperties limits) {
        return factory -> {
            factory.setProtocol(SlowClientProtocol.class.getName());
            factory.addProtocolHandlerCustomizers(handler -> {
                if (handler instanceof SlowClientProtocol protocol) {
                    protocol.setRequestHeaderTimeout(limits.requestHeaderTimeout());
                }
            });
            factory.addContextValves(new AbandonedBodyValve());
        };
    }

    /**
     * After a 408 the rest of a slow body is not read: by default Tomcat would read and discard it (up to
     * {@code server.tomcat.max-swallow-size}) at the client's pace before closing, holding the connection all along.
     */
    static final class AbandonedBodyValve extends ValveBase {

        AbandonedBodyValve() {
            super(true);
        }

        @Override
        public void invoke(Request request, Response response) throws IOException, ServletException {
            getNext().invoke(request, response);
            if (response.getStatus() == HttpStatus.REQUEST_TIMEOUT.value()) {
                request.getCoyoteRequest().action(ActionCode.DISABLE_SWALLOW_INPUT, null);
            }
        }
    }
}
