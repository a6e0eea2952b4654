package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TenantConfigReaderUnitTests {

    static final ValidatorFactory VALIDATION = Validation.buildDefaultValidatorFactory();

    // Stands in for the branding feature's check: only "calm" and "forge" exist.
    final TenantConfigCheck themes = config -> List.of("calm", "forge").contains(config.theme().pack())
            ? List.of() : List.of(new TenantConfigCheck.FieldError("theme.pack", "must be one of calm, forge"));

    final TenantConfigReader reader = new TenantConfigReader(new TenantConfigValidator(VALIDATION.getValidator(), List.of(themes)));

    @AfterAll
    static void close() {
        VALIDATION.close();
    }

    @Test
    void minimalFileGetsTheDocumentedDefaults() {
        TenantConfigReader.Result result = reader.read("lotus.yaml", """
                slug: lotus
                name: Lotus Yoga
                currency: AED
                """);

        assertThat(result.problems()).isEmpty();
        TenantConfig config = result.config();
        assertThat(config.timezone()).isEqualTo("Asia/Dubai");
        assertThat(config.locale()).isEqualTo("en");
        assertThat(config.locales()).containsExactly("en");
        assertThat(config.loginChannels()).containsExactly("email");
        assertThat(config.theme().pack()).isEqualTo("calm");
        assertThat(config.policies().cancelWindowHours()).isEqualTo(12);
        assertThat(config.policies().rescheduleWindowHours()).isEqualTo(12);
        assertThat(config.plugins()).isEmpty();
        assertThat(config.demo()).isFalse();
    }

    @Test
    void partialPoliciesKeepDefaultsForTheRest() {
        TenantConfig config = reader.read("gym.yaml", """
                slug: gym
                name: Gym
                currency: GBP
                policies:
                  cancelWindowHours: 6
                """).config();

        assertThat(config.policies().cancelWindowHours()).isEqualTo(6);
        assertThat(config.policies().rescheduleWindowHours()).isEqualTo(6);
        assertThat(config.policies().maxReschedulesPerBooking()).isEqualTo(2);
        assertThat(config.policies().lateCancel()).isEqualTo("deny");
    }

    @Test
    void invalidValuesAreReportedWithLineAndField() {
        TenantConfigReader.Result result = reader.read("bad.yaml", """
                slug: bad
                name: Bad Studio
                timezone: Mars/Olympus
                currency: XYZ
                policies:
                  cancelWindowHours: -3
                theme:
                  pack: neon
                domains:
                  - Not A Domain
                """);

        assertThat(result.ok()).isFalse();
        assertThat(result.problems()).extracting(ConfigProblem::field, ConfigProblem::line).contains(
                org.assertj.core.groups.Tuple.tuple("timezone", 3),
                org.assertj.core.groups.Tuple.tuple("currency", 4),
                org.assertj.core.groups.Tuple.tuple("policies.cancelWindowHours", 6),
                org.assertj.core.groups.Tuple.tuple("theme.pack", 8),
                org.assertj.core.groups.Tuple.tuple("domains[0]", 10));
        assertThat(result.problems()).allSatisfy(problem -> assertThat(problem.source()).isEqualTo("bad.yaml"));
        assertThat(result.problems().getFirst().toString()).matches("bad\\.yaml:\\d+ \\S+: .+");
    }

    @Test
    void unknownSettingIsNamedWithItsLine() {
        TenantConfigReader.Result result = reader.read("typo.yaml", """
                slug: typo
                name: Typo
                currency: AED
                policies:
                  cancelWindowHourz: 12
                """);

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("policies.cancelWindowHourz");
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).isEqualTo("is not a known setting");
        });
    }

    @Test
    void wrongTypeIsNamedWithItsLine() {
        TenantConfigReader.Result result = reader.read("types.yaml", """
                slug: types
                name: Types
                currency: AED
                policies:
                  cancelWindowHours: twelve
                """);

        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("policies.cancelWindowHours");
            assertThat(problem.line()).isEqualTo(5);
        });
    }

    @Test
    void brokenYamlIsReportedWithItsLine() {
        TenantConfigReader.Result result = reader.read("syntax.yaml", """
                slug: syntax
                name: "unterminated
                currency: AED
                """);

        assertThat(result.config()).isNull();
        assertThat(result.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isNotNull().isBetween(2, 4);
            assertThat(problem.message()).startsWith("is not valid YAML");
        });
    }

    @Test
    void duplicateKeysAndNonMappingsAreRefused() {
        assertThat(reader.read("dup.yaml", "slug: a1b\nname: X\nslug: b2c\ncurrency: AED\n").problems()).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("slug");
                    assertThat(problem.line()).isEqualTo(3);
                    assertThat(problem.message()).isEqualTo("is set twice");
                });
        assertThat(reader.read("list.yaml", "- just\n- a list\n").problems()).singleElement()
                .satisfies(problem -> assertThat(problem.message()).contains("mapping"));
        assertThat(reader.read("empty.yaml", "").ok()).isFalse();
    }

    @Test
    void missingRequiredFieldsAreEachNamed() {
        TenantConfigReader.Result result = reader.read("bare.yaml", "timezone: Europe/London\n");

        assertThat(result.problems()).extracting(ConfigProblem::field).contains("slug", "name", "currency");
    }

    @Test
    void slugMustBeSafeForHostsAndSchemaNames() {
        for (String slug : List.of("Serenity", "se", "a_b", "-ab", "ab-", "1abc", "a".repeat(41))) {
            TenantConfigReader.Result result = reader.read("s.yaml", "slug: \"" + slug + "\"\nname: X\ncurrency: AED\n");
            assertThat(result.problems()).as(slug).extracting(ConfigProblem::field).contains("slug");
        }
    }

    @Test
    void defaultLocaleMustBeOffered() {
        TenantConfigReader.Result result = reader.read("l.yaml", "slug: lang\nname: X\ncurrency: AED\nlocale: ar\nlocales: [en]\n");

        assertThat(result.problems()).extracting(ConfigProblem::field).containsExactly("locales");
    }
}
