package scot.sirgateway.acknowledge;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code gateway.acknowledge.*}: how many acknowledgements an hour go to unverified senders (unsigned
 * mail, which anyone can forge), per address and per council domain (a subdomain counts for its
 * council's domain). Past either, mail is still registered; its acknowledgement is held back.
 */
@Validated
@ConfigurationProperties("gateway.acknowledge")
public record AcknowledgeProperties(@DefaultValue("5") @Min(0) int unverifiedPerAddressPerHour,
        @DefaultValue("50") @Min(0) int unverifiedPerDomainPerHour) {
}
