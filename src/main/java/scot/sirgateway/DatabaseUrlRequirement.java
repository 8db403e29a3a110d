package scot.sirgateway;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops start-up, before any bean is made, when no database is configured: without it Spring Boot
 * would quietly use an in-memory one and every notification would be lost at the next restart.
 */
@Component
class DatabaseUrlRequirement implements BeanFactoryPostProcessor, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        String url = environment.getProperty("spring.datasource.url");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("spring.datasource.url is required (SPRING_DATASOURCE_URL), e.g. "
                    + "jdbc:postgresql://db.example:5432/sir; the embedded mode sets an H2 file under ./data");
        }
    }
}
