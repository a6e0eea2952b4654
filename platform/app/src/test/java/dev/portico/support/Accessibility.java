package dev.portico.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.Page;
import java.util.List;

/** The axe-core check every browser test runs on the pages it visits. */
public final class Accessibility {

    private Accessibility() {}

    /** No serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
    public static void assertAccessible(Page page, String where) {
        List<Rule> violations = new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze().getViolations();
        List<String> serious = violations.stream()
                .filter(rule -> "serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact()))
                .map(rule -> rule.getId() + " (" + rule.getHelp() + "): "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList())
                .toList();
        assertThat(serious).as("serious accessibility violations on " + where).isEmpty();
    }
}
