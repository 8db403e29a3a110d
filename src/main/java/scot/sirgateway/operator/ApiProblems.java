package scot.sirgateway.operator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors of the API as {@code application/problem+json}, with a reason a council IT officer can act
 * on and never a stack trace.
 */
@RestControllerAdvice(basePackageClasses = ApiProblems.class)
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    /** A body of a type the call does not take: name the types it does. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleHttpMediaTypeNotSupported(
            org.springframework.web.HttpMediaTypeNotSupportedException e, org.springframework.http.HttpHeaders headers,
            org.springframework.http.HttpStatusCode status, org.springframework.web.context.request.WebRequest request) {
        e.getBody().setDetail("This call does not take a body of Content-Type " + e.getContentType() + "; send "
                + (e.getSupportedMediaTypes().isEmpty() ? "application/json"
                        : e.getSupportedMediaTypes().stream().map(Object::toString)
                                .collect(java.util.stream.Collectors.joining(" or ")))
                + " with that Content-Type header.");
        return super.handleHttpMediaTypeNotSupported(e, headers, status, request);
    }

    /** A path the API does not have. */
    @Override
    protected org.springframework.http.ResponseEntity<Object> handleNoResourceFoundException(
            org.springframework.web.servlet.resource.NoResourceFoundException e,
            org.springframework.http.HttpHeaders headers, org.springframework.http.HttpStatusCode status,
            org.springframework.web.context.request.WebRequest request) {
        e.getBody().setDetail("The API has no " + e.getHttpMethod() + " /" + e.getResourcePath()
                + ": check the path and method against the API's description (CONTRACT.md).");
        return super.handleNoResourceFoundException(e, headers, status, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail badParameter(MethodArgumentTypeMismatchException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "parameter '" + e.getName()
                + "' has a value the gateway cannot read (dates are yyyy-mm-dd; status is TRIAGE, REGISTERED or FORWARDED)");
    }

    @ExceptionHandler(java.util.NoSuchElementException.class)
    ProblemDetail notFound(java.util.NoSuchElementException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(scot.sirgateway.ReleaseRefusedException.class)
    ProblemDetail refused(scot.sirgateway.ReleaseRefusedException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    /** A form post's invalid fields: 422 with {@code errors}, each {@code field} and {@code message}. */
    @ExceptionHandler(scot.sirgateway.submit.FormInvalidException.class)
    ProblemDetail invalidForm(scot.sirgateway.submit.FormInvalidException e) {
        boolean tooLarge = e instanceof scot.sirgateway.submit.FormTooLargeException;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(tooLarge ? HttpStatus.CONTENT_TOO_LARGE
                : HttpStatus.UNPROCESSABLE_CONTENT, tooLarge ? "A document is over the size limit; nothing was kept."
                : "Some values cannot be accepted as they are; correct each field listed and send it again. "
                        + "Nothing was kept.");
        problem.setProperty("errors", e.errors().entrySet().stream().map(error -> {
            java.util.Map<String, String> item = new java.util.LinkedHashMap<>();
            item.put("field", error.getKey());
            item.put("message", error.getValue());
            return item;
        }).toList());
        return problem;
    }

    /** A form post stopped by a stage: kept in the quarantine for the operators, the reason given to the caller. */
    @ExceptionHandler(scot.sirgateway.submit.FormQuarantinedException.class)
    ProblemDetail quarantinedForm(scot.sirgateway.submit.FormQuarantinedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.reason()
                + " The submission is held in the gateway's quarantine; the inspectorate's operators can see it.");
        problem.setProperty("reason_code", e.reasonCode());
        return problem;
    }

    /** An Idempotency-Key used with another request (422), or whose first request still runs (409). */
    @ExceptionHandler(scot.sirgateway.submit.IdempotencyConflictException.class)
    ProblemDetail idempotencyConflict(scot.sirgateway.submit.IdempotencyConflictException e) {
        return ProblemDetail.forStatusAndDetail(e.inProgress() ? HttpStatus.CONFLICT : HttpStatus.UNPROCESSABLE_CONTENT,
                e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badRequest(IllegalArgumentException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, jakarta.servlet.http.HttpServletRequest request) {
        // the class and SQL state only: an exception's message can quote the values of the request
        log.error("API call {} {} failed: {}", request.getMethod(), request.getRequestURI(),
                scot.sirgateway.quarantine.FailureSummary.of(e));
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The gateway could not answer this request; the error is logged for the operators.");
    }
}
