package dev.ferry.core.internal.netty;

import dev.ferry.core.http.HttpHeaders;
import dev.ferry.core.http.HttpRequest;
import dev.ferry.core.http.HttpResponse;
import dev.ferry.core.http.ResponseBody;
import java.util.Map;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClientResponse;

/** A response as the handler sees it: status and headers copied out of Netty, the body still streaming. */
final class NettyResponse implements HttpResponse {
    private final HttpRequest request;
    private final int status;
    private final HttpHeaders headers;
    private final NettyResponseBody body;

    NettyResponse(HttpRequest request, HttpClientResponse response, ByteBufFlux inbound) {
        this.request = request;
        this.status = response.status().code();
        HttpHeaders.Builder b = HttpHeaders.builder();
        for (Map.Entry<String, String> e : response.responseHeaders()) {
            b.add(e.getKey(), e.getValue());
        }
        this.headers = b.build();
        this.body = new NettyResponseBody(inbound, headers.first("Content-Type"), 
                "HEAD".equals(request.method()) ? -1 : contentLength(headers.first("Content-Length")));
    }

    private static long contentLength(@org.jspecify.annotations.Nullable String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public int statusCode() {
        return status;
    }

    @Override
    public HttpHeaders headers() {
        return headers;
    }

    @Override
    public ResponseBody body() {
        return body;
    }

    @Override
    public HttpRequest request() {
        return request;
    }

    @Override
    public String toString() {
        return status + " for " + request.operation() + " " + request.method() + " " + request.encodedPath() + " " + headers;
    }
}
