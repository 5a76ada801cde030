package eu.localeconomy.savings.card;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No card with this id in this tenant: a 404, the same whether it does not exist or belongs to another tenant. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownCardException extends RuntimeException {

    public UnknownCardException() {
        super("unknown card", null, false, false);
    }
}
