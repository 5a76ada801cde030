package eu.localeconomy.shared;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Where the current request comes from. Behind a proxy, {@code server.forward-headers-strategy} makes
 * {@link HttpServletRequest#getRemoteAddr()} the client's address.
 */
public final class RequestOrigin {

    /** Request attribute holding the request id that the logs and audit events share. */
    public static final String REQUEST_ID_ATTRIBUTE = "eu.localeconomy.requestId";

    private RequestOrigin() {
    }

    public static String ipAddress() {
        HttpServletRequest request = currentRequest();
        return request == null ? null : request.getRemoteAddr();
    }

    public static String requestId() {
        HttpServletRequest request = currentRequest();
        return request == null ? null : (String) request.getAttribute(REQUEST_ID_ATTRIBUTE);
    }

    private static HttpServletRequest currentRequest() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            return attributes.getRequest();
        }
        return null;
    }
}
