package scot.sirgateway.portal;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A file over the servlet's multipart limit makes the first read of the request's parameters fail (the CSRF
 * check's, before any controller), which Tomcat answers with a bare 413. On a council documents page the
 * person is sent back to that page instead, where the limit is said in words (GOV.UK error summary); nothing
 * was kept. Any other request's failure goes on as before.
 */
@Configuration(proxyBeanMethods = false)
class UploadTooLarge {

    static final String REFUSED = "too-large";
    private static final String DOCUMENTS = "/council/drafts/[0-9a-f]{32}/documents";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> uploadTooLargeFilter() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected boolean shouldNotFilter(HttpServletRequest request) {
                return !"POST".equals(request.getMethod())
                        || !request.getRequestURI().substring(request.getContextPath().length()).matches(DOCUMENTS);
            }

            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                try {
                    chain.doFilter(request, response);
                } catch (RuntimeException e) {
                    if (!tooLarge(e) || response.isCommitted()) {
                        throw e;
                    }
                    response.sendRedirect(request.getRequestURI() + "?refused=" + REFUSED);
                }
            }
        });
        // before Spring Security's filters (order -100), whose CSRF check reads the parameters first
        registration.setOrder(-101);
        return registration;
    }

    /** Whether the failure is a multipart body over its size limit (Tomcat's or Spring's words for it). */
    static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith("SizeLimitExceededException") || name.endsWith("MaxUploadSizeExceededException")) {
                return true;
            }
        }
        return false;
    }
}
