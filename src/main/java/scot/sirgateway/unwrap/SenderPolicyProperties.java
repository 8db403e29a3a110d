package scot.sirgateway.unwrap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import scot.sirgateway.council.SenderPolicy;

/**
 * {@code gateway.sender-policy.unsigned}: what happens to unsigned mail from a council's domain
 * ({@code QUARANTINE} unless set; a council in the councils file may override it).
 */
@ConfigurationProperties("gateway.sender-policy")
public record SenderPolicyProperties(@DefaultValue("QUARANTINE") SenderPolicy unsigned) {
}
