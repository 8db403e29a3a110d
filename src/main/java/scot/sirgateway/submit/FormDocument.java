package scot.sirgateway.submit;

/** A document sent with a form (temporary stand-in, see package-info). */
public record FormDocument(String filename, byte[] bytes) {
}
