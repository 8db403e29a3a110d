package scot.sirgateway.signin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.LockedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;

/**
 * What follows the password on {@code POST /sign-in}: right, the code is mailed and the person is asked for
 * it; wrong, the sign-in page says what to fix (a locked account is told it is locked, whatever the password
 * was: the lock is checked before the password). Also records the sign-out.
 */
@Component
public class PasswordStep implements AuthenticationSuccessHandler, AuthenticationFailureHandler, LogoutHandler {

    private final SecondFactor secondFactor;
    private final AuditTrail audit;

    public PasswordStep(SecondFactor secondFactor, AuditTrail audit) {
        this.secondFactor = secondFactor;
        this.audit = audit;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
            Authentication authentication) throws IOException {
        audit.record(authentication.getName(), "PASSWORD_ACCEPTED", "code asked for");
        response.sendRedirect(request.getContextPath() + "/sign-in/code"
                + SignInController.codePageQuery(secondFactor.sendCode(authentication.getName()), ""));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException exception) throws IOException {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        String error;
        if (username == null || username.isBlank()) {
            error = "username";
        } else if (password == null || password.isEmpty()) {
            error = "password";
        } else if (exception instanceof LockedException) {
            audit.record(username.trim(), "SIGN_IN_REFUSED_LOCKED", null);
            error = "locked";
        } else {
            error = "credentials";
        }
        response.sendRedirect(request.getContextPath() + "/sign-in?error=" + error);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
        if (authentication != null) {
            audit.record(authentication.getName(), "SIGN_OUT", null);
        }
    }
}
