package dev.ferry.samples.webflux;

import dev.ferry.core.ServiceException;
import dev.ferry.core.TransportException;
import dev.ferry.s3.S3Exception;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Ferry's failures as RFC 9457 problem details ({@code application/problem+json}). A storage
 * service's "not found" is the client's 404; its other 4xx answers mean this app asked something
 * the service refused, a 502; its 5xx and throttling, and failures below HTTP, are 503 or 502 so
 * that a caller knows a retry may help. Bad input to this app is answered by Spring (400 problem).
 */
@RestControllerAdvice
class ProblemResponses {

    @ExceptionHandler(ServiceException.class)
    ProblemDetail service(ServiceException e) {
        HttpStatus status;
        if (e.statusCode() == 404) {
            status = HttpStatus.NOT_FOUND;
        } else if (e.isRetryable() || e.statusCode() == 503) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
        } else {
            status = HttpStatus.BAD_GATEWAY;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle(e.errorCode() != null ? e.errorCode() : status.getReasonPhrase());
        problem.setType(URI.create("urn:ferry:service-error"));
        problem.setProperty("service", e instanceof S3Exception ? "s3" : e.getClass().getSimpleName().replace("Exception", "").toLowerCase());
        problem.setProperty("serviceStatus", e.statusCode());
        if (e.requestId() != null) {
            problem.setProperty("requestId", e.requestId());
        }
        return problem;
    }

    @ExceptionHandler(TransportException.class)
    ProblemDetail transport(TransportException e) {
        HttpStatus status = e.reason() == TransportException.Reason.POOL_EXHAUSTED || e.reason() == TransportException.Reason.POOL_ACQUIRE_TIMEOUT
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.BAD_GATEWAY;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        problem.setTitle("Storage service unreachable");
        problem.setType(URI.create("urn:ferry:transport-error"));
        problem.setProperty("reason", e.reason().name());
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }
}
