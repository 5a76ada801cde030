package eu.localeconomy.api;

import org.springframework.web.bind.annotation.RestController;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of the JSON API. {@link ApiExceptionHandler} answers for these only: the back-office token screen
 * lives in the same package but is a page, whose errors must stay HTML error pages. Public: other modules' JSON
 * controllers (the savings counter API) use it to get the same problem handling.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
public @interface ApiController {
}
