package dev.portico.web;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.coyote.AbstractProcessor;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's HTTP/1.1 connector with a deadline on a request's line and headers. Tomcat itself only bounds each wait
 * for the next bytes ({@code server.tomcat.connection-timeout}), so a client sending its headers a byte every few
 * seconds (Slowloris) would hold its connection for as long as it likes. Once a second this closes every connection
 * whose request started arriving more than {@code portico.http.request-header-timeout} ago and is still being
 * parsed. Such a connection waits in Tomcat's poller, not on a thread, so it is seen here and closed without a word.
 *
 * <p>Tomcat makes this class itself from its name ({@link SlowClientConfiguration}), hence public.
 */
public class SlowClientProtocol extends Http11NioProtocol {

    private static final Logger log = LoggerFactory.getLogger(SlowClientProtocol.class);

    private volatile Duration requestHeaderTimeout = Duration.ofSeconds(20);
    private @Nullable ScheduledFuture<?> watchdog;

    void setRequestHeaderTimeout(Duration timeout) {
        this.requestHeaderTimeout = timeout;
    }

    @Override
    public void start() throws Exception {
        super.start();
        watchdog = getUtilityExecutor().scheduleWithFixedDelay(this::closeSlowRequestHeads, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void pause() throws Exception {
        stopWatchdog();
        super.pause();
    }

    @Override
    public void stop() throws Exception {
        stopWatchdog();
        super.stop();
    }

    private void stopWatchdog() {
        ScheduledFuture<?> running = watchdog;
        if (running != null) {
            running.cancel(false);
            watchdog = null;
        }
    }

    private void closeSlowRequestHeads() {
        try {
            long now = System.nanoTime();
            long timeout = requestHeaderTimeout.toNanos();
            for (SocketWrapperBase<NioChannel> connection : getEndpoint().getConnections()) {
                if (connection.getCurrentProcessor() instanceof AbstractProcessor processor && tooSlow(processor, now, timeout)) {
                    log.info("Closed a connection whose request headers were still arriving after {}", requestHeaderTimeout);
                    connection.close();
                }
            }
        } catch (RuntimeException e) {
            // The next round tries again; an exception escaping would end the schedule.
            log.warn("Looking for slow request headers failed", e);
        }
    }

    /**
     * A processor stays on a connection between reads in three cases: an async request waiting for its result, an
     * upgraded connection (WebSocket), and a request whose line or headers are part read. The last is the slow one;
     * the request's clock started with its first byte.
     */
    private static boolean tooSlow(AbstractProcessor processor, long now, long timeout) {
        long started = processor.getRequest().getStartTimeNanos();
        return !processor.isAsync() && !processor.isUpgrade() && started != -1 && now - started > timeout;
    }
}
