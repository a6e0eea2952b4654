package dev.portico.security;

import dev.portico.web.Problems;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.core.convert.converter.Converter;

/**
 * Four chains: the platform operators' API takes the operator key only, studio admin endpoints take admin tokens
 * only, customer endpoints take customer tokens only, and everything else (public pages, health, API docs) needs none. Stateless throughout: no HTTP session,
 * no cookies for access, failures answered as problem+json.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    @Order(0)
    SecurityFilterChain platformApi(HttpSecurity http, PlatformOperatorProperties properties) throws Exception {
        OperatorKeyFilter operatorKey = new OperatorKeyFilter(properties);
        if (!operatorKey.enabled()) {
            log.warn("No platform operator key (PORTICO_PLATFORM_OPERATOR_KEY) is set: the platform API /api/platform/** is disabled and answers 404");
        }
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Unauthenticated",
                    "The platform API needs the operator key.");
        };
        return hardened(http.securityMatcher("/api/platform/**"))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .anonymous(anonymous -> anonymous.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated))
                .addFilterBefore(operatorKey, AuthorizationFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(OperatorKeyFilter.ROLE))
                .build();
    }

    @Bean
    @Order(1)
    SecurityFilterChain adminApi(HttpSecurity http, AccessTokens tokens, ActiveAdmins admins) throws Exception {
        return common(hardened(http.securityMatcher("/api/admin/**")), AudienceBoundDecoder.admins(tokens.decoder(), admins))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/admin/auth/login").permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain customerApi(HttpSecurity http, AccessTokens tokens, ActiveCustomers customers) throws Exception {
        return common(hardened(http.securityMatcher("/api/client-portal/**")),
                AudienceBoundDecoder.customers(tokens.decoder(), customers))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/client-portal/branding", "/api/client-portal/auth/**").permitAll()
                        .anyRequest().authenticated())
                .build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        return hardened(http)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }

    /**
     * The security headers, first of all filters, so that answers given before the chains below run carry them too.
     * The chains write the same headers (see {@link #hardened}) for requests that somehow bypass this filter.
     */
    @Bean
    FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Tomcat's own error answers (a request line over the size limit, say) are problem+json with the headers too. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorReport() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ContainerErrorReport.class.getName());
            }
        });
    }

    /**
     * Headers on every answer: HSTS (honoured by browsers over HTTPS), no referrer (login links carry a token), a
     * strict CSP, no framing ({@link SecurityHeaders}); and CORS only for the studio's own origins.
     */
    private static HttpSecurity hardened(HttpSecurity http) throws Exception {
        return http
                .cors(cors -> cors.configurationSource(new StudioOrigins()))
                .headers(headers -> headers
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(SecurityHeaders.HSTS_MAX_AGE_SECONDS)
                                .requestMatcher(request -> true))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .contentSecurityPolicy(csp -> csp.policyDirectives(SecurityHeaders.CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny()));
    }

    private static HttpSecurity common(HttpSecurity http, AudienceBoundDecoder decoder) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            Problems.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Unauthenticated",
                    "Log in again to continue.");
        };
        AccessDeniedHandler forbidden = (request, response, e) -> Problems.write(response, HttpStatus.FORBIDDEN,
                "FORBIDDEN", "Forbidden", "Your account may not do this.");
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(unauthenticated).accessDeniedHandler(forbidden))
                .oauth2ResourceServer(server -> server
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden)
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new RoleClaimConverter())));
    }

    /** Maps the token's {@code role} claim (OWNER, FRONT_DESK, CUSTOMER) to a {@code ROLE_} authority. */
    static final class RoleClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {

        @Override
        public AbstractAuthenticationToken convert(Jwt jwt) {
            String role = jwt.getClaimAsString(AccessTokens.ROLE_CLAIM);
            List<SimpleGrantedAuthority> authorities = role == null ? List.of() : List.of(new SimpleGrantedAuthority("ROLE_" + role));
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        }
    }
}
