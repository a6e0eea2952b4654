package dev.portico.tenancy;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Currency;
import org.jspecify.annotations.Nullable;

/** An upper-case ISO-4217 currency code such as {@code AED}. */
@Documented
@Constraint(validatedBy = CurrencyCode.Validator.class)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface CurrencyCode {

    String message() default "must be an ISO-4217 currency code such as AED";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts codes the JDK knows. */
    class Validator implements ConstraintValidator<CurrencyCode, String> {

        @Override
        public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            return value.matches("^[A-Z]{3}$")
                    && Currency.getAvailableCurrencies().stream().anyMatch(c -> c.getCurrencyCode().equals(value));
        }
    }
}
