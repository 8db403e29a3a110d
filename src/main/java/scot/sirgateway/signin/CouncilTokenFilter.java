package scot.sirgateway.signin;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import scot.sirgateway.operator.OperatorAccounts;

/**
 * {@code Authorization: Bearer sirt_...}: a council's program. A live token authenticates this request only
 * (no session) as {@code token:<id>} with {@code ROLE_COUNCIL} and {@code COUNCIL_OF:<council>}; an unknown
 * or revoked token is refused at once with the entry point's 401, never passed on as anonymous.
 */
public class CouncilTokenFilter extends OncePerRequestFilter {


    private final CouncilTokens tokens;
    private final AuthenticationEntryPoint refused;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    public CouncilTokenFilter(CouncilTokens tokens, AuthenticationEntryPoint refused) {
        this.tokens = tokens;
        this.refused = refused;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CouncilTokens.Token> token = tokens.authenticate(header.substring(7).trim());
        if (token.isEmpty()) {
            contexts.clearContext();
            refused.commence(request, response, new TokenRefused());
            return;
        }
        List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_COUNCIL"),
                new SimpleGrantedAuthority(OperatorAccounts.COUNCIL_OF + token.get().council()),
                FactorGrantedAuthority.fromAuthority(FactorGrantedAuthority.BEARER_AUTHORITY));
        var context = contexts.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("token:" + token.get().id(), null,
                authorities));
        contexts.setContext(context);
        chain.doFilter(request, response);
    }

    /** An unknown or revoked council API token. */
    public static final class TokenRefused extends AuthenticationException {
        TokenRefused() {
            super("unknown or revoked council API token");
        }
    }
}
