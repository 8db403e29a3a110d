package scot.sirgateway.signin;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in pages: the password ({@code POST /sign-in} itself is Spring Security's form login), then the
 * code mailed to the account ({@code /sign-in/code}), or a recovery code ({@code /sign-in/recovery}), and the
 * page after signing out. Errors in the GOV.UK manner: a summary linking to the field, the message by it,
 * "Error: " first in the title. A lock says so whether or not the password or code was right.
 */
@Controller
class SignInController {

    private final SecondFactor secondFactor;
    private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();

    SignInController(SecondFactor secondFactor) {
        this.secondFactor = secondFactor;
    }

    @GetMapping("/sign-in")
    String signIn(@RequestParam(required = false) String error, Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (error != null) {
            switch (error) {
                case "username" -> errors.put("username", "Enter your username");
                case "password" -> errors.put("password", "Enter your password");
                case "locked" -> errors.put("username", "This account is locked after too many failed attempts. "
                        + "Try again in 15 minutes, or ask an admin of the SIR Gateway team to unlock it");
                default -> errors.put("username", "Enter a correct username and password");
            }
        }
        model.addAttribute("errors", errors);
        return "sign-in/sign-in";
    }

    @GetMapping("/sign-in/code")
    String code(@RequestParam(required = false, name = "sent") String sent,
            @RequestParam(required = false, name = "not-sent") String notSent,
            @RequestParam(required = false, name = "too-many") String tooMany, Model model) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!SecondFactor.waitingForCode(authentication)) {
            return redirectAway(authentication);
        }
        model.addAttribute("errors", Map.of());
        model.addAttribute("sent", sent != null);
        model.addAttribute("notSent", notSent != null);
        model.addAttribute("tooMany", tooMany != null);
        return "sign-in/code";
    }

    @PostMapping("/sign-in/code")
    String enterCode(@RequestParam(required = false) String code, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!SecondFactor.waitingForCode(authentication)) {
            return redirectAway(authentication);
        }
        String typed = code == null ? "" : code.replaceAll("\\s", "");
        String error = null;
        if (typed.isEmpty()) {
            error = "Enter the 6-digit code from the email";
        } else if (!typed.matches("[0-9]{6}")) {
            error = "The code must be 6 digits, like 123456";
        } else {
            SecondFactor.Outcome outcome = secondFactor.enterCode(authentication.getName(), typed);
            switch (outcome) {
                case SIGNED_IN -> {
                    return signedIn(authentication, "mailed code", request, response);
                }
                case LOCKED -> {
                    return locked(request);
                }
                case EXPIRED -> error = "The code has expired or has been used. Select ‘Send a new code’";
                default -> error = "The code is not right. Check the latest email, or select ‘Send a new code’";
            }
        }
        model.addAttribute("errors", Map.of("code", error));
        model.addAttribute("sent", false);
        model.addAttribute("notSent", false);
        model.addAttribute("tooMany", false);
        return "sign-in/code";
    }

    @PostMapping("/sign-in/code/new")
    String newCode() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!SecondFactor.waitingForCode(authentication)) {
            return redirectAway(authentication);
        }
        return "redirect:/sign-in/code" + codePageQuery(secondFactor.sendCode(authentication.getName()), "?sent");
    }

    /** What the code page is told of a code asked for: {@code sentQuery} when it went. */
    static String codePageQuery(SecondFactor.Sent sent, String sentQuery) {
        return switch (sent) {
            case SENT -> sentQuery;
            case NOT_SENT -> "?not-sent";
            case TOO_MANY -> "?too-many";
        };
    }

    @GetMapping("/sign-in/recovery")
    String recovery(Model model) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!SecondFactor.waitingForCode(authentication)) {
            return redirectAway(authentication);
        }
        model.addAttribute("errors", Map.of());
        return "sign-in/recovery";
    }

    @PostMapping("/sign-in/recovery")
    String enterRecoveryCode(@RequestParam(name = "recovery_code", required = false) String code,
            HttpServletRequest request, HttpServletResponse response, Model model) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!SecondFactor.waitingForCode(authentication)) {
            return redirectAway(authentication);
        }
        String error;
        if (code == null || code.isBlank()) {
            error = "Enter one of your recovery codes";
        } else {
            SecondFactor.Outcome outcome = secondFactor.enterRecoveryCode(authentication.getName(), code);
            if (outcome == SecondFactor.Outcome.SIGNED_IN) {
                long left = secondFactor.recoveryCodesLeft(authentication.getName());
                return signedIn(authentication, "recovery code (" + left + " left)", request, response);
            }
            if (outcome == SecondFactor.Outcome.LOCKED) {
                return locked(request);
            }
            error = "The recovery code is not right, or has been used already";
        }
        model.addAttribute("errors", Map.of("recovery_code", error));
        return "sign-in/recovery";
    }

    @GetMapping("/signed-out")
    String signedOut() {
        return "sign-in/signed-out";
    }

    /**
     * Both factors done: a new session id (so an id seen before the second factor is worth nothing) holding
     * the full authentication.
     */
    private String signedIn(Authentication passwordOnly, String how, HttpServletRequest request,
            HttpServletResponse response) {
        Authentication full = secondFactor.complete(passwordOnly, how);
        request.changeSessionId();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(full);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:" + SecondFactor.home(full);
    }

    /** The account was locked (now or before): the half-done sign-in ends. */
    private static String locked(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/sign-in?error=locked";
    }

    private static String redirectAway(Authentication authentication) {
        boolean signedIn = authentication != null && authentication.isAuthenticated()
                && authentication.getAuthorities().stream().anyMatch(a -> a.getAuthority() != null
                        && a.getAuthority().startsWith("ROLE_") && !a.getAuthority().equals("ROLE_ANONYMOUS"));
        return "redirect:" + (signedIn ? SecondFactor.home(authentication) : "/sign-in");
    }
}
