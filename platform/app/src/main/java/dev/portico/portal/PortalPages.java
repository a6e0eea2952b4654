package dev.portico.portal;

import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

/**
 * Serves the portal's single-page app (built by {@code platform/portal-web} into {@code static/portal}) on every
 * studio's host, at {@code /portal} for customers and {@code /admin} for the studio's staff. Hashed assets are cached for a year; every other path under {@code /portal} that names no file is
 * a route of the app, answered with its {@code index.html} (never cached, so a deploy is seen at once) so deep
 * links work on refresh. The studio's look comes separately, from {@code /portal/theme.css}.
 */
@Configuration(proxyBeanMethods = false)
class PortalPages implements WebMvcConfigurer {

    private static final String LOCATION = "classpath:/static/portal/";

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/portal/assets/**")
                .addResourceLocations(LOCATION + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable());
        registry.addResourceHandler("/portal", "/portal/", "/portal/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new AppRoutes());
        // The studio admin's pages are the same build with their own route tree: every path is the app's page.
        registry.addResourceHandler("/admin", "/admin/", "/admin/**")
                .addResourceLocations(LOCATION)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true)
                .addResolver(new AppPage());
    }

    /** The app's page for any route. */
    static final class AppPage extends PathResourceResolver {

        @Override
        protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
            return super.getResource("index.html", location);
        }
    }

    /** A file when there is one; the app's page for a route (a last segment without a dot); otherwise nothing (404). */
    static final class AppRoutes extends PathResourceResolver {

        @Override
        protected @Nullable Resource getResource(String resourcePath, Resource location) throws IOException {
            Resource file = super.getResource(resourcePath, location);
            if (file != null) {
                return file;
            }
            String lastSegment = resourcePath.substring(resourcePath.lastIndexOf('/') + 1);
            return lastSegment.contains(".") ? null : super.getResource("index.html", location);
        }
    }
}
