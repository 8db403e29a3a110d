package scot.sirgateway.submit;

/**
 * Who posts a form: a signed-in council account ({@code username}) or a council's API token
 * ({@code token:<id>}), its {@code council} exactly as the registry writes it (from the caller's authority
 * {@code COUNCIL_OF:<name>}, never from the request), and the account's own address ({@code null} for a token).
 */
public record Submitter(String username, String council, String email) {
}
