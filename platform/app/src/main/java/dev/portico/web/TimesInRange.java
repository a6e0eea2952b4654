package dev.portico.web;

import java.time.Instant;
import java.time.temporal.ChronoField;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import org.springframework.stereotype.Component;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Dates and times in a request body lie in the years 1 to 9999. java.time reads years up to +999999999, which
 * overflow date arithmetic and PostgreSQL's timestamp range: such a value is a malformed request (400), not a
 * failure deep inside the app. Registered with the app's JSON mapper as a module; wraps whatever deserializer
 * Jackson picks for each {@link Temporal} type, so formats and options stay as they are.
 */
@Component
class TimesInRange extends SimpleModule {

    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    TimesInRange() {
        super("portico-times-in-range");
        setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
                    ValueDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass()) ? new InRange(deserializer) : deserializer;
            }
        });
    }

    static boolean inRange(Object value) {
        if (value instanceof Instant instant) {
            return !instant.isBefore(FIRST) && !instant.isAfter(LAST);
        }
        if (value instanceof TemporalAccessor temporal && temporal.isSupported(ChronoField.YEAR)) {
            int year = temporal.get(ChronoField.YEAR);
            return year >= 1 && year <= 9999;
        }
        return true;
    }

    private static final class InRange extends DelegatingDeserializer {

        InRange(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new InRange(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) {
            Object value = super.deserialize(parser, context);
            if (value != null && !inRange(value)) {
                return context.handleWeirdStringValue(handledType(), parser.getString(), "is outside the years 1 to 9999");
            }
            return value;
        }
    }
}
