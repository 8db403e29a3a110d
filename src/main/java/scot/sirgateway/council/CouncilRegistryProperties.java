package scot.sirgateway.council;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.councils-file}: the registry operators keep. {@code gateway.demo.councils-file} adds
 * the demo councils and is set by the embedded mode alone.
 */
@Validated
@ConfigurationProperties("gateway")
public record CouncilRegistryProperties(@NotBlank String councilsFile, Demo demo) {

    public record Demo(String councilsFile) {
    }

    public String demoCouncilsFile() {
        return demo == null ? null : demo.councilsFile();
    }
}
