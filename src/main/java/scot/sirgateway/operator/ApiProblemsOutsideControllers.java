package scot.sirgateway.operator;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import tools.jackson.databind.json.JsonMapper;

/**
 * The API's errors that arise before any of its controllers is chosen (a Content-Type no call takes, a method
 * or path the API does not have): {@link ApiProblems} only advises the API's own controllers, so without this
 * such a request got Spring's bare error JSON without a reason. Here they get the same problem+json, with
 * {@link ApiProblems}' words. Pages and anything not under {@code /api/} are left as they were.
 */
@Component
class ApiProblemsOutsideControllers implements HandlerExceptionResolver, Ordered {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ApiProblems problems;

    ApiProblemsOutsideControllers(ApiProblems problems) {
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // after Boot's error attributes (which only note the error), before Spring's default resolver
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception e) {
        if (handler instanceof HandlerMethod || !(e instanceof ErrorResponse)
                || !request.getRequestURI().startsWith(request.getContextPath() + "/api/") || response.isCommitted()) {
            return null;
        }
        try {
            ResponseEntity<Object> answer = problems.handleException(e, new ServletWebRequest(request, response));
            if (answer == null || !(answer.getBody() instanceof ProblemDetail problem)) {
                return null;
            }
            Map<String, Object> body = new LinkedHashMap<>();
            if (problem.getType() != null) {
                body.put("type", problem.getType().toString());
            }
            body.put("title", problem.getTitle());
            body.put("status", problem.getStatus());
            body.put("detail", problem.getDetail());
            body.put("instance", request.getRequestURI());
            response.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write(JSON.writeValueAsString(body));
            return new ModelAndView();
        } catch (Exception | Error unanswered) {
            return null;
        }
    }
}
