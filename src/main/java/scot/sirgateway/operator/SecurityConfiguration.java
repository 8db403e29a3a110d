package scot.sirgateway.operator;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what: the health endpoint is open (it names components, never details), the metrics
 * endpoints are for operators and admins; accounts are for admins; reading the API wants an operator,
 * inspector or admin; an inspector comments on reviews and asks councils for more information; changing
 * anything else wants an operator or admin, by HTTP Basic
 * (programs) or session login (the console). A post in a session needs the CSRF token; only a
 * program's call (HTTP Basic without a session, not a browser's cross-site request) is exempt.
 * Failures answer problem+json.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/forms/**").permitAll()
                        .requestMatchers("/actuator/**").hasAnyRole(Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                        // the council API (shared12.md): the controllers keep a council to its own notifications
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/notifications")
                        .hasAnyRole(Role.COUNCIL.name(), Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/notifications/*")
                        .hasAnyRole(Role.COUNCIL.name(), Role.OPERATOR.name(), Role.INSPECTOR.name(), Role.ADMIN.name())
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/notifications/*/reviews")
                        .hasAnyRole(Role.COUNCIL.name(), Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/**")
                        .hasAnyRole(Role.OPERATOR.name(), Role.INSPECTOR.name(), Role.ADMIN.name())
                        // an inspector's own work: the comment on a review, a request for more information
                        .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/notifications/*/reviews/*/comment",
                                "/api/notifications/*/information-requests")
                        .hasRole(Role.INSPECTOR.name())
                        .requestMatchers("/api/quarantine/**", "/api/notifications/*/release", "/api/notifications/*/forward",
                                "/api/notifications/*/withdraw", "/api/notifications/*/reviews",
                                "/api/notifications/*/reviews/*/release", "/api/notifications/*/inspector",
                                "/api/notifications/*/reminders/pause", "/api/notifications/*/reminders/resume")
                        .hasAnyRole(Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/**").denyAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> problem(response,
                        HttpStatus.UNAUTHORIZED, "Sign in with your console account (HTTP Basic for programs).")))
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor((request, response, e) -> problem(response,
                                        HttpStatus.UNAUTHORIZED, "Sign in with your console account (HTTP Basic for programs)."),
                                request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
                                        || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/"))
                        .accessDeniedHandler(SecurityConfiguration::denied))
                .formLogin(Customizer.withDefaults())
                // a session (the console) needs the CSRF token, on /api too: SameSite=Strict does not
                // cover credentials a browser caches for HTTP Basic, so only a program's call is exempt
                .csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfiguration::programCall));
        return http.build();
    }

    /**
     * A program's call to the API, exempt from CSRF: HTTP Basic (or a bearer token) credentials in the
     * request, no session, and nothing of a browser's cross-site request (a browser always sends
     * {@code Origin} or {@code Sec-Fetch-Site} on a cross-site POST; programs send neither, or their own).
     */
    static boolean programCall(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean credentials = authorization != null && (authorization.regionMatches(true, 0, "Basic ", 0, 6)
                || authorization.regionMatches(true, 0, "Bearer ", 0, 7));
        boolean session = request.getRequestedSessionId() != null || request.getSession(false) != null;
        return path.startsWith("/api/") && credentials && !session && !crossSite(request);
    }

    private static boolean crossSite(HttpServletRequest request) {
        String fetchSite = request.getHeader("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equalsIgnoreCase("same-origin") && !fetchSite.equalsIgnoreCase("none")) {
            return true;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        return origin != null && !origin.equalsIgnoreCase(ownOrigin(request));
    }

    private static String ownOrigin(HttpServletRequest request) {
        int port = request.getServerPort();
        boolean defaultPort = port == 80 && "http".equals(request.getScheme()) || port == 443 && "https".equals(request.getScheme());
        return request.getScheme() + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
    }

    /**
     * Why a request was refused, in words its caller can act on: the CSRF check runs before anyone is
     * signed in, so a caller who is nobody is asked to sign in (401), a session without its token is
     * told so, and only a signed-in account without the role hears that it may not.
     */
    private static void denied(jakarta.servlet.http.HttpServletRequest request,
            jakarta.servlet.http.HttpServletResponse response,
            org.springframework.security.access.AccessDeniedException e) throws java.io.IOException {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
        boolean credentials = request.getHeader("Authorization") != null || request.getRequestedSessionId() != null;
        if (e instanceof org.springframework.security.web.csrf.CsrfException && !credentials) {
            problem(response, HttpStatus.UNAUTHORIZED, "Sign in with your console account (HTTP Basic for programs).");
        } else if (e instanceof org.springframework.security.web.csrf.CsrfException) {
            problem(response, HttpStatus.FORBIDDEN, "This request needs the console session's CSRF token (the "
                    + "X-CSRF-TOKEN header or the _csrf field); a program calls with HTTP Basic and no session.");
        } else if (!signedIn) {
            problem(response, HttpStatus.UNAUTHORIZED, "Sign in with your console account (HTTP Basic for programs).");
        } else {
            problem(response, HttpStatus.FORBIDDEN, "Your account may not do this.");
        }
    }

    private static void problem(jakarta.servlet.http.HttpServletResponse response, HttpStatus status, String detail)
            throws java.io.IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"SIR Gateway\"");
        }
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
