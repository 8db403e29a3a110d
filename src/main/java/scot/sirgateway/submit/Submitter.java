package scot.sirgateway.submit;

/** Who submits: a signed-in account or a token (temporary stand-in, see package-info). */
public record Submitter(String username, String council, String email) {
}
