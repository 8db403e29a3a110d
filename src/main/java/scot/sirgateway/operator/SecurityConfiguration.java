package scot.sirgateway.operator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what: the health endpoint is open (it names components, never details); reading the
 * API wants an operator, inspector or admin, changing anything an operator or admin, by HTTP Basic
 * (programs) or session login (the console). Failures answer problem+json.
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
                        .requestMatchers(org.springframework.http.HttpMethod.GET, "/api/**")
                        .hasAnyRole(Role.OPERATOR.name(), Role.INSPECTOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/quarantine/**", "/api/notifications/*/release", "/api/notifications/*/forward", "/api/notifications/*/withdraw")
                        .hasAnyRole(Role.OPERATOR.name(), Role.ADMIN.name())
                        .requestMatchers("/api/**").denyAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> problem(response,
                        HttpStatus.UNAUTHORIZED, "Sign in with your console account (HTTP Basic for programs).")))
                .exceptionHandling(handling -> handling
                        .defaultAuthenticationEntryPointFor((request, response, e) -> problem(response,
                                        HttpStatus.UNAUTHORIZED, "Sign in with your console account (HTTP Basic for programs)."),
                                request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/"))
                        .accessDeniedHandler((request, response, e) -> problem(response, HttpStatus.FORBIDDEN,
                                "Your account may not do this.")))
                .formLogin(Customizer.withDefaults())
                // programs call the API with HTTP Basic and no session; the console's session cookie is
                // SameSite=Strict (application.yml), so no other site can make a browser post to it
                .csrf(csrf -> csrf.ignoringRequestMatchers("/api/**"));
        return http.build();
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
