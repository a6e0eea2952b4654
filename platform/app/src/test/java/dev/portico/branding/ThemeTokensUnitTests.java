package dev.portico.branding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Theme tokens end up inside a style sheet, so a studio's override must not be able to break out of it. */
class ThemeTokensUnitTests {

    @Test
    void ordinaryCssValuesAreAccepted() {
        assertThat(ThemeCatalog.isSafe("color-primary", "#2f6f5e")).isTrue();
        assertThat(ThemeCatalog.isSafe("font-family", "'Nunito Sans', system-ui, sans-serif")).isTrue();
        assertThat(ThemeCatalog.isSafe("color-accent", "color-mix(in srgb, #fff 20%, rgb(10 20 30))")).isTrue();
    }

    @Test
    void valuesThatCouldEndTheRuleOrTheStyleElementAreRefused() {
        assertThat(ThemeCatalog.isSafe("color-primary", "red; } body { display: none")).isFalse();
        assertThat(ThemeCatalog.isSafe("color-primary", "red</style><script>alert(1)</script>")).isFalse();
        assertThat(ThemeCatalog.isSafe("color-primary", "\\7d")).isFalse();
        assertThat(ThemeCatalog.isSafe("color-primary", "red\n}")).isFalse();
        assertThat(ThemeCatalog.isSafe("color-primary", "")).isFalse();
        assertThat(ThemeCatalog.isSafe("color-primary", "a".repeat(201))).isFalse();
    }

    @Test
    void valuesThatCouldRunOnIntoTheNextTokensAreRefused() {
        assertThat(ThemeCatalog.isSafe("font-family", "'Nunito Sans, sans-serif")).isFalse();
        assertThat(ThemeCatalog.isSafe("font-family", "'Nunito' 'Sans")).isFalse();
        assertThat(ThemeCatalog.isSafe("color-primary", "red /*")).isFalse();
        assertThat(ThemeCatalog.isSafe("color-primary", "*/ red")).isFalse();
        assertThat(ThemeCatalog.isSafe("font-family", "'Nunito', 'Open Sans', sans-serif")).isTrue();
    }

    @Test
    void namesAreLowerCaseWordsWithDashes() {
        assertThat(ThemeCatalog.isSafe("Color", "red")).isFalse();
        assertThat(ThemeCatalog.isSafe("color primary", "red")).isFalse();
        assertThat(ThemeCatalog.isSafe("--color", "red")).isFalse();
    }
}
