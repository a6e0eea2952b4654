package dev.portico.auth;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Customer session lifetimes.
 *
 * @param accessTokenTtl  how long an access token lives (kept in the portal's memory only)
 * @param sessionIdle     a refresh token unused this long stops working
 * @param sessionAbsolute no session outlives this, however active
 */
@ConfigurationProperties("portico.auth")
public record AuthProperties(Duration accessTokenTtl, Duration sessionIdle, Duration sessionAbsolute) {}
