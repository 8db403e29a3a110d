package scot.sirgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SirGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(SirGatewayApplication.class, args);
    }
}
