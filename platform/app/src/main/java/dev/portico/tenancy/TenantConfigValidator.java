package dev.portico.tenancy;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The one place a studio's configuration is validated, whether it comes from a file or the admin API. */
@Component
public class TenantConfigValidator {

    private final Validator validator;
    private final List<TenantConfigCheck> checks;

    TenantConfigValidator(Validator validator, List<TenantConfigCheck> checks) {
        this.validator = validator;
        this.checks = checks;
    }

    /** Every field error in {@code config}, sorted by field; empty when it is valid. */
    public List<TenantConfigCheck.FieldError> validate(TenantConfig config) {
        List<TenantConfigCheck.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<TenantConfig> violation : validator.validate(config)) {
            errors.add(new TenantConfigCheck.FieldError(fieldPath(violation), violation.getMessage()));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < config.domains().size(); i++) {
            if (!seen.add(config.domains().get(i))) {
                errors.add(new TenantConfigCheck.FieldError("domains[" + i + "]", "is listed twice"));
            }
        }
        if (!config.locales().contains(config.locale())) {
            errors.add(new TenantConfigCheck.FieldError("locales", "must include the default locale " + config.locale()));
        }
        for (TenantConfigCheck check : checks) {
            errors.addAll(check.check(config));
        }
        errors.sort(Comparator.comparing(TenantConfigCheck.FieldError::field));
        return errors;
    }

    /** Hibernate Validator's path with container-element markers such as {@code <map value>} removed. */
    private static String fieldPath(ConstraintViolation<?> violation) {
        return violation.getPropertyPath().toString().replaceAll("\\.<[^>]+>", "");
    }
}
