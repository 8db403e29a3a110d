package scot.sirgateway.submit;

/** A document a council uploads with a form post: the name it gave it and its bytes, as uploaded. */
public record FormDocument(String filename, byte[] bytes) {
}
