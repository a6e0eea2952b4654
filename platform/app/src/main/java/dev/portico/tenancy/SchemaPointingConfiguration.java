package dev.portico.tenancy;

import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the application's connection pool behind a {@link SchemaPointingDataSource}, whoever defined the pool. */
@Configuration(proxyBeanMethods = false)
class SchemaPointingConfiguration {

    @Bean
    static BeanPostProcessor schemaPointingPool() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource pool && !(bean instanceof SchemaPointingDataSource)
                        ? new SchemaPointingDataSource(pool) : bean;
            }
        };
    }
}
