package scot.sirgateway.model;

/**
 * One security layer found on a submission, outermost first: what it was, with which algorithm,
 * which gateway key opened it or who signed it, and whether it verified (with why not).
 */
public record Layer(Kind kind, String algorithm, String key, String signer, Boolean verified, String reason) {

    public enum Kind {
        /** S/MIME EnvelopedData */
        ENCRYPTED,
        /** S/MIME AuthEnvelopedData (AES-GCM) */
        AUTH_ENCRYPTED,
        /** S/MIME signed-data, content inside the signature */
        SIGNED_OPAQUE,
        /** multipart/signed */
        SIGNED_DETACHED,
        /** a password-protected PDF */
        PDF_ENCRYPTED,
        /**
         * a form post by a signed-in council account or a council's API token: {@code signer} names the
         * account (its username, or {@code token:<id>}) and {@code key} its council; verified by the sign-in,
         * not by a signature
         */
        ACCOUNT
    }
}
