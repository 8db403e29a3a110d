package scot.sirgateway.operator;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import scot.sirgateway.intake.IntakeProperties;

/**
 * Bounds the body of every API request, so that a careless or hostile caller cannot make the gateway hold an
 * unbounded JSON body in memory (Tomcat's {@code max-http-form-post-size} covers forms, not JSON). The largest
 * body the API takes is a review entered with its document: base64 of at most
 * {@code gateway.mail.intake.max-message-bytes} (line breaks allowed) and a little more for the other values.
 * A declared {@code Content-Length} over it is refused with 413 before anything is read; a body without one
 * (chunked) stops being read at the limit, which the API answers as an unreadable request (400).
 */
@Component
class ApiBodyLimit extends OncePerRequestFilter {

    /** Room for the values beside the document (names, roles, dates: a few hundred characters each). */
    static final long OTHER_VALUES_BYTES = 64 * 1024;

    private final long maxBytes;

    ApiBodyLimit(IntakeProperties intake) {
        long base64 = (intake.maxMessageBytes() + 2) / 3 * 4;
        this.maxBytes = base64 + base64 / 76 * 2 + OTHER_VALUES_BYTES;
    }

    long maxBytes() {
        return maxBytes;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            HttpStatus status = HttpStatus.CONTENT_TOO_LARGE;
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setHeader("Connection", "close");
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                    + "\",\"status\":" + status.value() + ",\"detail\":\"The request is " + declared
                    + " bytes, over the API's limit of " + maxBytes + " (a review's document is at most "
                    + "gateway.mail.intake.max-message-bytes, sent as base64).\"}");
            return;
        }
        chain.doFilter(declared >= 0 ? request : new Bounded(request, maxBytes), response);
    }

    /** A request whose body stops being read past the limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream bounded;

        Bounded(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (bounded == null) {
                ServletInputStream in = super.getInputStream();
                bounded = new ServletInputStream() {
                    private long read;

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = in.read(buffer, offset, length);
                        if (n > 0) {
                            count(n);
                        }
                        return n;
                    }

                    private void count(int n) throws IOException {
                        read += n;
                        if (read > limit) {
                            throw new IOException("the request body is over the API's limit of " + limit + " bytes");
                        }
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return bounded;
        }
    }
}
