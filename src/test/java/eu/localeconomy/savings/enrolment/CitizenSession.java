package eu.localeconomy.savings.enrolment;

import jakarta.servlet.http.Cookie;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import java.util.concurrent.atomic.AtomicInteger;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * One visitor driving MockMvc: the session cookie (sessions live in PostgreSQL) carried from request to request, and
 * an address of their own so that tests do not share the per-address allowance.
 */
final class CitizenSession {

    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final MockMvc mvc;
    private final String address;
    private Cookie session;

    CitizenSession(MockMvc mvc) {
        this(mvc, "10.77." + (ADDRESSES.incrementAndGet() / 250) + "." + (ADDRESSES.get() % 250 + 1));
    }

    CitizenSession(MockMvc mvc, String address) {
        this.mvc = mvc;
        this.address = address;
    }

    MvcResult perform(MockHttpServletRequestBuilder request) throws Exception {
        request.with(r -> {
            r.setRemoteAddr(address);
            return r;
        });
        // The tests read the English texts; the tenants' default language is Dutch.
        request.header("Accept-Language", "en");
        if (session != null) {
            request.cookie(session);
        }
        MvcResult result = mvc.perform(request.with(csrf())).andReturn();
        Cookie fresh = result.getResponse().getCookie("LEPSESSION");
        if (fresh != null) {
            session = fresh.getMaxAge() == 0 ? null : fresh;
        }
        return result;
    }
}
