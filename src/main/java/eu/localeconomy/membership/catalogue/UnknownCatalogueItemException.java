package eu.localeconomy.membership.catalogue;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A campaign, range, product or establishment that is not the tenant's (or no longer exists): a 404, never a 500. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownCatalogueItemException extends RuntimeException {

    public UnknownCatalogueItemException(String what) {
        super("unknown " + what);
    }
}
