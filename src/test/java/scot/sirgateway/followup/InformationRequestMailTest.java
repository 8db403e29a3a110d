package scot.sirgateway.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientId;
import org.bouncycastle.mail.smime.SMIMEEnveloped;
import org.bouncycastle.mail.smime.SMIMEUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import scot.sirgateway.support.GatewayTest;
import scot.sirgateway.support.TestSmime;

/**
 * The choice the request mail makes: no test council has certificates in the registry (listing them would
 * change who may sign for it in every other test), so the composer is given the demo council's certificate
 * here and the mail is opened with the demo council's key.
 */
class InformationRequestMailTest extends GatewayTest {

    private static final String QUESTION = "Was the risk management plan reviewed after the March incident?";

    @Autowired
    InformationRequestMail requestMail;

    @Test
    void requestToACouncilWithCertificatesShouldBeEncryptedAndCarryTheQuestion() throws Exception {
        TestSmime.Signer council = TestSmime.demoCouncil();
        InformationRequestMail.Composed composed = requestMail.compose("SIR-2026-0777", 3, LocalDate.of(2026, 12, 18),
                QUESTION, List.of("cjsw@demo-council.test"), List.of("cswo@demo-council.test"),
                List.of(council.certificate()));

        assertThat(composed.encrypted()).isTrue();
        assertThat(composed.messageId()).isEqualTo("<SIR-2026-0777.i3.request@sir-gateway.test>");
        assertThat(composed.recipients()).containsExactly("cjsw@demo-council.test", "cswo@demo-council.test");
        assertThat(new String(composed.mime(), StandardCharsets.ISO_8859_1)).doesNotContain("risk management plan");
        MimeMessage message = parse(composed.mime());
        assertThat(message.getContentType()).contains("application/pkcs7-mime");
        assertThat(message.getSubject()).isEqualTo("[SIR-2026-0777] Request for additional information");

        RecipientInformation recipient = new SMIMEEnveloped(message).getRecipientInfos()
                .get(new JceKeyTransRecipientId(council.certificate()));
        MimeBodyPart signed = SMIMEUtil.toMimeBodyPart(recipient.getContent(
                new JceKeyTransEnvelopedRecipient(council.key()).setProvider(TestSmime.BC)));
        assertThat(signed.getContentType()).startsWith("multipart/signed");
        String text = textOf(signed);
        assertThat(text).contains(QUESTION).contains("SIR-2026-0777").contains("Friday 18 December 2026")
                .contains("encrypted to your council's certificate");
    }

    @Test
    void requestToACouncilWithoutCertificatesShouldSayOnlyTheReferenceDueDateAndHowToAnswer() throws Exception {
        InformationRequestMail.Composed composed = requestMail.compose("SIR-2026-0778", 1, LocalDate.of(2026, 12, 18),
                QUESTION, List.of("cjsw@demo-council.test"), List.of(), List.of());

        assertThat(composed.encrypted()).isFalse();
        MimeMessage message = parse(composed.mime());
        assertThat(message.getContentType()).startsWith("multipart/signed");
        assertThat(message.getHeader("Cc")).isNull();
        String text = textOf(message);
        assertThat(text).contains("SIR-2026-0778").contains("i1").contains("Friday 18 December 2026")
                .contains("[SIR-2026-0778]").contains("encrypted to the gateway's certificate")
                .doesNotContain(QUESTION).doesNotContain("risk management");
    }

    private static MimeMessage parse(byte[] mime) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(mime));
    }
}
