package eu.localeconomy.tenant;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No tenant has the slug in the URL: the visitor gets a 404 page in their language. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownTenantException extends RuntimeException {

    public UnknownTenantException() {
        super("unknown tenant", null, false, false);
    }
}
