package scot.sirgateway.hostile;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDFormFieldAdditionalActions;
import org.apache.pdfbox.pdmodel.interactive.form.PDTerminalField;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.mail.smime.SMIMEEnvelopedGenerator;
import org.bouncycastle.mail.smime.SMIMESignedGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import scot.sirgateway.support.TestSmime;

/**
 * Makers of hostile mail and documents that the shared support classes do not make: certificates that loop or
 * sign themselves, a signature by two signers, encryption to a chosen certificate, PDFs carrying JavaScript,
 * a Word file with a macro. Everything is made here, at test time, with Bouncy Castle, PDFBox and the JDK.
 */
final class HostileMails {

    private static final KeyPair KEYS = rsa();
    private static final KeyPair LOOP_KEYS = rsa();

    private HostileMails() {
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A text part holding these lines. */
    static MimeBodyPart text(String lines) throws Exception {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(lines, "UTF-8");
        return part;
    }

    /** The whole mail of this entity from {@code from}, with this Message-ID. */
    static byte[] mail(String from, MimeBodyPart entity, String messageId) throws Exception {
        MimeMessage message = new MimeMessage(null, new ByteArrayInputStream(TestSmime.mail(from, entity)));
        message.setHeader("Message-ID", messageId);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        message.writeTo(raw);
        return raw.toByteArray();
    }

    /** The entity encrypted (AES-256-CBC, RSA key transport) to this certificate alone. */
    static MimeBodyPart encryptedTo(MimeBodyPart content, X509Certificate recipient) throws Exception {
        SMIMEEnvelopedGenerator generator = new SMIMEEnvelopedGenerator();
        generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient).setProvider(TestSmime.BC));
        return generator.generate(content,
                new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(TestSmime.BC).build());
    }

    /** The gateway's RSA certificate of the example keys. */
    static X509Certificate gatewayCertificate() throws Exception {
        return TestSmime.certificate("certs-example/gateway/gateway-rsa.cert.pem");
    }

    /** A detached signature by every one of these signers over the content (each one's chain included). */
    static MimeBodyPart signedByAll(MimeBodyPart content, TestSmime.Signer... signers) throws Exception {
        SMIMESignedGenerator generator = new SMIMESignedGenerator();
        for (TestSmime.Signer signer : signers) {
            generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder().setProvider(TestSmime.BC)
                    .build("SHA256withRSA", signer.key(), signer.certificate()));
            generator.addCertificates(new JcaCertStore(signer.chain()));
        }
        var signed = generator.generate(content);
        MimeBodyPart part = new MimeBodyPart();
        part.setContent(signed, signed.getContentType());
        return part;
    }

    /** A signing certificate for the address that is its own issuer: no trust anchor stands behind it. */
    static TestSmime.Signer selfSigned(String email) throws Exception {
        X500Name name = new X500Name("CN=Self Signed (TEST ONLY),E=" + email);
        return new TestSmime.Signer(KEYS.getPrivate(), List.of(endEntity(name, email, name, KEYS.getPrivate())));
    }

    /**
     * A signer issued by an authority A whose certificate is issued by B, whose certificate is issued by A: a
     * chain that loops and never reaches a trust anchor. The signature carries all three certificates.
     */
    static TestSmime.Signer loopingChain(String email) throws Exception {
        // one key pair for both authorities: the loop is in the names, and a key costs seconds on a busy machine
        KeyPair a = LOOP_KEYS;
        KeyPair b = LOOP_KEYS;
        X500Name nameA = new X500Name("CN=Loop Authority A (TEST ONLY)");
        X500Name nameB = new X500Name("CN=Loop Authority B (TEST ONLY)");
        X509Certificate aByB = authority(nameA, a.getPublic(), nameB, b.getPrivate());
        X509Certificate bByA = authority(nameB, b.getPublic(), nameA, a.getPrivate());
        X509Certificate signer = endEntity(new X500Name("CN=Looped Signer (TEST ONLY),E=" + email), email, nameA,
                a.getPrivate());
        return new TestSmime.Signer(KEYS.getPrivate(), List.of(signer, aByB, bByA));
    }

    private static X509Certificate authority(X500Name subject, PublicKey key, X500Name issuer, PrivateKey issuerKey)
            throws Exception {
        Instant now = Instant.now();
        org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, TestSmime.serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))), subject, key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return sign(builder, issuerKey);
    }

    private static X509Certificate endEntity(X500Name subject, String email, X500Name issuer, PrivateKey issuerKey)
            throws Exception {
        Instant now = Instant.now();
        org.bouncycastle.cert.X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, TestSmime.serial(), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(30))), subject, KEYS.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.rfc822Name, email)));
        return sign(builder, issuerKey);
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, PrivateKey issuerKey) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(TestSmime.BC).build(issuerKey)));
    }

    /** The PDF with a JavaScript action run on opening, as a viewer would run it (the gateway never must). */
    static byte[] withOpenActionScript(byte[] pdf, String script) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            document.getDocumentCatalog().setOpenAction(new PDActionJavaScript(script));
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PDF form with JavaScript on one field's format, keystroke and calculate events. */
    static byte[] withFieldScript(byte[] pdf, String field, String script) {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDTerminalField terminal = (PDTerminalField) document.getDocumentCatalog().getAcroForm().getField(field);
            PDFormFieldAdditionalActions actions = new PDFormFieldAdditionalActions();
            actions.setF(new PDActionJavaScript(script));
            actions.setK(new PDActionJavaScript(script));
            actions.setC(new PDActionJavaScript(script));
            terminal.setActions(actions);
            return save(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] save(PDDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        return out.toByteArray();
    }

    /**
     * The PDF with its cross-reference table pointing at the wrong bytes: every offset shifted, the
     * {@code startxref} beyond the end. A lenient reader may rebuild it by scanning the objects.
     */
    static byte[] brokenCrossReference(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        int xref = text.lastIndexOf("startxref");
        if (xref < 0) {
            throw new IllegalArgumentException("no startxref");
        }
        String damaged = text.substring(0, xref).replaceAll("(?m)^\\d{10} (\\d{5}) n", "0000000007 $1 n")
                + "startxref\n999999999\n%%EOF\n";
        return damaged.getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * The Word document saved as a macro-enabled one: a VBA project beside the text and the package's
     * content type saying so.
     */
    static byte[] withMacro(byte[] docx) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx));
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                byte[] content = in.readAllBytes();
                if (entry.getName().equals("[Content_Types].xml")) {
                    content = new String(content, StandardCharsets.UTF_8)
                            .replace("<Default Extension=\"xml\"", "<Default Extension=\"bin\" ContentType=\""
                                    + "application/vnd.ms-office.vbaProject\"/><Default Extension=\"xml\"")
                            .replace("wordprocessingml.document.main+xml", "ms-word.document.macroEnabled.main+xml")
                            .getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
            out.putNextEntry(new ZipEntry("word/vbaProject.bin"));
            // the start of a compound file holding "Sub AutoOpen(): Shell ...": never run, never even read
            out.write(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
            out.write("Attribute VB_Name = \"ThisDocument\"\r\nSub AutoOpen()\r\nShell \"calc.exe\"\r\nEnd Sub\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A zip of one deflated entry: {@code prefix}, then {@code chunk} {@code times} over, then {@code suffix},
     * beside {@code others} (stored). The deflate stream is made once per distinct piece and repeated, so a
     * 1 GB entry costs milliseconds: after the first chunk and a sync flush, the deflater's window holds only
     * the chunk's bytes, so every later chunk compresses to the same bytes.
     */
    static byte[] zipOfRepeated(Map<String, byte[]> others, String name, byte[] prefix, byte[] chunk, int times,
            byte[] suffix) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(9, true);
        byte[] head = deflate(deflater, prefix, false);
        byte[] first = deflate(deflater, chunk, false);
        byte[] again = deflate(deflater, chunk, false);
        if (!java.util.Arrays.equals(again, deflate(deflater, chunk, false))) {
            throw new IllegalStateException("the chunk does not compress the same way twice");
        }
        byte[] tail = deflate(deflater, suffix, true);
        deflater.end();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(prefix);
        for (int i = 0; i < times; i++) {
            crc.update(chunk);
        }
        crc.update(suffix);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        deflated.writeBytes(head);
        deflated.writeBytes(first);
        for (int i = 1; i < times; i++) {
            deflated.writeBytes(again);
        }
        deflated.writeBytes(tail);
        long size = prefix.length + (long) chunk.length * times + suffix.length;

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream directory = new ByteArrayOutputStream();
        int entries = 0;
        for (Map.Entry<String, byte[]> other : others.entrySet()) {
            java.util.zip.CRC32 otherCrc = new java.util.zip.CRC32();
            otherCrc.update(other.getValue());
            entry(zip, directory, other.getKey(), 0, otherCrc.getValue(), other.getValue(), other.getValue().length);
            entries++;
        }
        entry(zip, directory, name, 8, crc.getValue(), deflated.toByteArray(), size);
        entries++;
        int directoryAt = zip.size();
        zip.writeBytes(directory.toByteArray());
        int32(zip, 0x06054b50);
        int16(zip, 0);
        int16(zip, 0);
        int16(zip, entries);
        int16(zip, entries);
        int32(zip, directory.size());
        int32(zip, directoryAt);
        int16(zip, 0);
        return zip.toByteArray();
    }

    /** The input deflated and sync-flushed (byte-aligned, more may follow), or as the stream's last block. */
    private static byte[] deflate(java.util.zip.Deflater deflater, byte[] input, boolean last) {
        deflater.setInput(input);
        if (last) {
            deflater.finish();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int n = deflater.deflate(buffer, 0, buffer.length,
                    last ? java.util.zip.Deflater.NO_FLUSH : java.util.zip.Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
            if (last ? deflater.finished() : n < buffer.length && deflater.needsInput()) {
                return out.toByteArray();
            }
        }
    }

    /** A local header with the data, and its central directory record (zip format, no data descriptor). */
    private static void entry(ByteArrayOutputStream zip, ByteArrayOutputStream directory, String name, int method,
            long crc, byte[] data, long size) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        int at = zip.size();
        int32(zip, 0x04034b50);
        int16(zip, 20);
        int16(zip, 0);
        int16(zip, method);
        int32(zip, 0x5C210000);
        int32(zip, (int) crc);
        int32(zip, data.length);
        int32(zip, (int) size);
        int16(zip, nameBytes.length);
        int16(zip, 0);
        zip.writeBytes(nameBytes);
        zip.writeBytes(data);
        int32(directory, 0x02014b50);
        int16(directory, 20);
        int16(directory, 20);
        int16(directory, 0);
        int16(directory, method);
        int32(directory, 0x5C210000);
        int32(directory, (int) crc);
        int32(directory, data.length);
        int32(directory, (int) size);
        int16(directory, nameBytes.length);
        int16(directory, 0);
        int16(directory, 0);
        int16(directory, 0);
        int16(directory, 0);
        int32(directory, 0);
        int32(directory, at);
        directory.writeBytes(nameBytes);
    }

    private static void int16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xff);
        out.write(value >>> 8 & 0xff);
    }

    private static void int32(ByteArrayOutputStream out, int value) {
        int16(out, value & 0xffff);
        int16(out, value >>> 16 & 0xffff);
    }

    /**
     * A Word document (as {@link TestDocx#docx} makes it) whose one paragraph holds {@code megabytes} MB of the
     * letter a: a zip bomb that is a valid DOCX, made in milliseconds.
     */
    static byte[] expandingDocx(int megabytes) {
        Map<String, byte[]> others = new java.util.LinkedHashMap<>();
        byte[] document = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(
                scot.sirgateway.support.TestDocx.docx(scot.sirgateway.support.TestDocx.paragraph("\u0001"))))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().equals("word/document.xml")) {
                    document = in.readAllBytes();
                } else {
                    others.put(entry.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String xml = new String(document, StandardCharsets.UTF_8);
        int at = xml.indexOf('\u0001');
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'a');
        return zipOfRepeated(others, "word/document.xml", xml.substring(0, at).getBytes(StandardCharsets.UTF_8), chunk,
                megabytes, xml.substring(at + 1).getBytes(StandardCharsets.UTF_8));
    }

    /** The zip with its {@code _rels/.rels} entry's name made a byte that is not UTF-8, in every header. */
    static byte[] withEntryNameNotUtf8(byte[] zip) {
        String text = new String(zip, StandardCharsets.ISO_8859_1);
        if (!text.contains("_rels/.rels")) {
            throw new IllegalArgumentException("no _rels/.rels entry");
        }
        return text.replace("_rels/.rels", "\u00ffrels/.rels").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** An RTF document of these lines, followed by an embedded OLE package object. */
    static byte[] rtfWithEmbeddedObject(String lines) {
        StringBuilder rtf = new StringBuilder("{\\rtf1\\ansi{\\fonttbl\\f0\\fswiss Helvetica;}\\f0 ");
        for (String line : lines.split("\r\n")) {
            rtf.append(line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}")).append("\\par ");
        }
        rtf.append("{\\object\\objemb\\objw100\\objh100{\\*\\objclass Package}{\\*\\objdata ")
                .append("0105000002000000080000005061636b61676500000000000000000040000000")
                .append("0200636d642e6578650043003a5c57696e646f77735c636d642e6578650000030000")
                .append("}{\\result {\\pict\\wmetafile8 0100}}}");
        return rtf.append('}').toString().getBytes(StandardCharsets.US_ASCII);
    }
}
