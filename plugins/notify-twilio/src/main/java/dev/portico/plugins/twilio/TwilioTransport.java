package dev.portico.plugins.twilio;

import com.twilio.http.NetworkHttpClient;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.CloseableHttpResponse;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.net.URIAuthority;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The Apache HTTP client under the Twilio SDK, one for the whole plugin: credentials travel with each request, so
 * studios share its connection pool safely. It does two things the SDK does not offer:
 * <ul>
 *   <li>applies Portico's timeouts, which {@link NetworkHttpClient} would otherwise reset on every request to its
 *       own (30.5 s to connect, no limit on the answer beyond a 30 s socket timeout);</li>
 *   <li>sends requests meant for {@code https://api.twilio.com} to another endpoint when the operator names one.</li>
 * </ul>
 */
final class TwilioTransport extends CloseableHttpClient {

    static final String TWILIO_API_HOST = "api.twilio.com";

    private static final int MAX_CONNECTIONS = 32;

    private final CloseableHttpClient delegate;
    private final @Nullable HttpHost endpoint;
    private final RequestConfig requestConfig;

    private TwilioTransport(CloseableHttpClient delegate, @Nullable HttpHost endpoint, RequestConfig requestConfig) {
        this.delegate = delegate;
        this.endpoint = endpoint;
        this.requestConfig = requestConfig;
    }

    /**
     * The SDK's network client on top of this transport.
     *
     * @param endpoint        where Twilio's REST API is reached, or null for {@code https://api.twilio.com}
     * @param connectTimeout  how long to wait for a connection, from the pool or to Twilio
     * @param responseTimeout how long to wait for Twilio's answer once the request is sent
     */
    static NetworkHttpClient networkClient(@Nullable URI endpoint, Duration connectTimeout, Duration responseTimeout) {
        Timeout connect = Timeout.of(connectTimeout);
        RequestConfig requestConfig = RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setConnectTimeout(connect)
                .setResponseTimeout(Timeout.of(responseTimeout))
                .build();
        HttpHost host = endpoint == null ? null : HttpHost.create(endpoint);
        HttpClientBuilder builder = new HttpClientBuilder() {
            @Override
            public CloseableHttpClient build() {
                return new TwilioTransport(super.build(), host, requestConfig);
            }
        };
        builder.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnPerRoute(MAX_CONNECTIONS)
                        .setMaxConnTotal(MAX_CONNECTIONS)
                        .build())
                // Apache would repeat a POST answered 429 or 503; Twilio would then send the message twice.
                .disableAutomaticRetries()
                // Like the SDK's own client: honour the JVM's proxy settings.
                .useSystemProperties();
        return new NetworkHttpClient(builder);
    }

    @Override
    protected CloseableHttpResponse doExecute(HttpHost target, ClassicHttpRequest request, HttpContext context)
            throws IOException {
        if (request instanceof HttpUriRequestBase configurable) {
            configurable.setConfig(requestConfig);
        }
        HttpHost destination = target;
        if (endpoint != null && TWILIO_API_HOST.equalsIgnoreCase(target.getHostName())) {
            request.setScheme(endpoint.getSchemeName());
            request.setAuthority(new URIAuthority(endpoint.getHostName(), endpoint.getPort()));
            destination = endpoint;
        }
        return delegate.execute(destination, request, context);
    }

    @Override
    public void close() throws IOException {
        delegate.close();
    }

    @Override
    public void close(CloseMode closeMode) {
        delegate.close(closeMode);
    }
}
