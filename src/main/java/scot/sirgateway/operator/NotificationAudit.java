package scot.sirgateway.operator;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import scot.sirgateway.signin.AuditTrail;

/**
 * Every view of one notification's details (through the API or a council's page) and every change to a notification or a quarantine entry made
 * through the API lands in the audit trail ({@link AuditTrail}): who (the account, or {@code token:<id>}
 * for a council API token), when, the action and a short detail, linked to the notification's reference or
 * the quarantine entry's id. Only a call that succeeded (status below 400) is recorded: a refused or failed
 * call changed nothing. A controller may add a detail with {@link #detail(String)}; a detail never holds a
 * value typed in a form, a reason, a comment or a password (a release names the corrected fields only; their
 * old and new values are on the notification's sealed timeline).
 */
@Configuration(proxyBeanMethods = false)
public class NotificationAudit implements WebMvcConfigurer, HandlerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(NotificationAudit.class);
    private static final String DETAIL = NotificationAudit.class.getName() + ".detail";
    private static final String UNCHANGED = NotificationAudit.class.getName() + ".unchanged";
    private static final String NOTIFICATION = "/api/notifications/{reference}";
    private static final String QUARANTINE = "/api/quarantine/{id}";

    /** The action recorded for each audited call, by its method and mapping. */
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("GET " + NOTIFICATION, "NOTIFICATION_VIEWED"),
            Map.entry("GET /council/notifications/{reference}", "NOTIFICATION_VIEWED"),
            Map.entry("POST " + NOTIFICATION + "/release", "RELEASED"),
            Map.entry("POST " + NOTIFICATION + "/withdraw", "WITHDRAWN"),
            Map.entry("POST " + NOTIFICATION + "/forward", "FORWARDED_AGAIN"),
            Map.entry("POST " + NOTIFICATION + "/inspector", "INSPECTOR_ASSIGNED"),
            Map.entry("POST " + NOTIFICATION + "/information-requests", "INFORMATION_REQUESTED"),
            Map.entry("POST " + NOTIFICATION + "/reminders/pause", "REMINDERS_PAUSED"),
            Map.entry("POST " + NOTIFICATION + "/reminders/resume", "REMINDERS_RESUMED"),
            Map.entry("POST " + NOTIFICATION + "/reviews", "REVIEW_ADDED"),
            Map.entry("POST " + NOTIFICATION + "/reviews/{id}/release", "REVIEW_RELEASED"),
            Map.entry("POST " + NOTIFICATION + "/reviews/{id}/comment", "REVIEW_COMMENTED"),
            Map.entry("POST " + QUARANTINE + "/dismiss", "QUARANTINE_DISMISSED"),
            Map.entry("POST " + QUARANTINE + "/reprocess", "QUARANTINE_REPROCESSED"),
            Map.entry("POST " + QUARANTINE + "/password", "QUARANTINE_PASSWORD_GIVEN"));

    private final AuditTrail audit;

    NotificationAudit(AuditTrail audit) {
        this.audit = audit;
    }

    /** Adds a short detail to the audit event of the call being handled: never a value typed in a form. */
    public static void detail(String detail) {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(DETAIL, detail, RequestAttributes.SCOPE_REQUEST);
        }
    }

    /**
     * Marks the call being handled as one that changed nothing although it succeeded: a console form sent back
     * with its errors shown, say. Nothing is recorded for it.
     */
    public static void nothingChanged() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.setAttribute(UNCHANGED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/notifications/*", "/api/notifications/*/**",
                "/api/quarantine/*/**", "/council/notifications/*", "/notifications/*", "/notifications/*/**",
                "/quarantine/*", "/quarantine/*/**");
    }

    /**
     * The console's pages under {@code /notifications/{reference}} and {@code /quarantine/{id}} take the same
     * shape as the API's calls and are audited as those are.
     */
    private static String asApi(String pattern) {
        return pattern.startsWith("/notifications/") || pattern.startsWith("/quarantine/") ? "/api" + pattern : pattern;
    }

    /**
     * A call under a notification or a quarantine entry not named in {@link #ACTIONS} (a document download added
     * later, say) is audited all the same: a GET as a view, anything else as a change.
     */
    private static String fallback(HttpServletRequest request, String pattern) {
        if (!pattern.startsWith(NOTIFICATION) && !pattern.startsWith(QUARANTINE)) {
            return null;
        }
        if (pattern.startsWith(NOTIFICATION + "/") && ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()))) {
            detail(request.getMethod() + " " + pattern.substring(NOTIFICATION.length()), request);
            return "NOTIFICATION_VIEWED";
        }
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            if (pattern.startsWith(QUARANTINE + "/")) {
                detail(request.getMethod() + " " + pattern.substring(QUARANTINE.length()), request);
            }
            return pattern.startsWith(QUARANTINE) ? "QUARANTINE_VIEWED" : null;
        }
        detail(request.getMethod() + " " + pattern, request);
        return pattern.startsWith(QUARANTINE) ? "QUARANTINE_CHANGED" : "NOTIFICATION_CHANGED";
    }

    private static void detail(String detail, HttpServletRequest request) {
        if (request.getAttribute(DETAIL) == null) {
            request.setAttribute(DETAIL, detail);
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception failure) {
        if (failure != null || response.getStatus() >= 400 || request.getUserPrincipal() == null
                || request.getAttribute(UNCHANGED) != null) {
            return;
        }
        Object matched = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (matched == null) {
            return;
        }
        String pattern = asApi(matched.toString());
        // a HEAD is answered by the GET's handler (its headers name a document and its size): a view all the same
        String method = "HEAD".equals(request.getMethod()) ? "GET" : request.getMethod();
        String action = ACTIONS.get(method + " " + pattern);
        if (action == null) {
            action = fallback(request, pattern);
        }
        if (action == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> found = (Map<String, String>) request.getAttribute(
                HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        Map<String, String> variables = found == null ? Map.of() : found;
        String reference = variables.get("reference");
        Long quarantineId = null;
        String detail = (String) request.getAttribute(DETAIL);
        if (pattern.startsWith(QUARANTINE) && variables.getOrDefault("id", "").matches("\\d{1,18}")) {
            quarantineId = Long.valueOf(variables.get("id"));
            detail = detail == null ? "quarantine entry " + quarantineId : detail;
        } else if (detail == null && variables.get("id") != null) {
            detail = "review " + variables.get("id");
        } else if (pattern.startsWith("/council/")) {
            detail = "the council's page";
        }
        if (!pattern.equals(matched.toString())) {
            detail = detail == null ? "on the console's page" : detail + ", on the console's page";
        }
        try {
            audit.record(request.getUserPrincipal().getName(), action, detail, reference, quarantineId);
        } catch (RuntimeException e) {
            log.error("The audit event {} of {} could not be recorded", action,
                    reference != null ? reference : "quarantine entry " + quarantineId, e);
        }
    }
}
