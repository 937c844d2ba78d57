package dev.ferry.core.http;

/**
 * A response whose status and headers have arrived and whose body is still on the wire. It is only
 * valid inside the handler given to {@link HttpEngine#exchange}: read the body there (or leave it,
 * and Ferry drains or closes the connection when the handler's publisher ends).
 */
public interface HttpResponse {
    int statusCode();

    HttpHeaders headers();

    ResponseBody body();

    /** The request this answers (as sent, signed). */
    HttpRequest request();

    default boolean isSuccessful() {
        int s = statusCode();
        return s >= 200 && s < 300;
    }
}
