package scot.sirgateway.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/**
 * The axe-core check every browser test leans on, on two pages of its own (no gateway): one with an image that
 * has no text alternative is refused naming the rule, the same page with the alternative passes.
 */
class ChromiumTest {

    private static final String PAGE = "<!DOCTYPE html><html lang=\"en\"><head><title>A page</title></head>"
            + "<body><main><h1>A page</h1><img src=\"chart.png\"%s></main></body></html>";

    @Test
    void checkAccessibleShouldRefuseAPageWithAViolationAndPassItsRepair() {
        try (Chromium browser = Chromium.start(0)) {
            browser.driver().get(page(String.format(PAGE, "")));
            assertThatThrownBy(browser::checkAccessible).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("image-alt");
            browser.driver().get(page(String.format(PAGE, " alt=\"Notifications by month\"")));
            assertThatCode(browser::checkAccessible).doesNotThrowAnyException();
        }
    }

    private static String page(String html) {
        return "data:text/html;base64," + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8));
    }
}
