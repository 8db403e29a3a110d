package scot.sirgateway.pdfform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDComboBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDRadioButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import scot.sirgateway.council.CouncilNames;
import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Field;
import scot.sirgateway.model.FormDefinition.Input;
import scot.sirgateway.model.FormDefinition.Option;

/** The generated AcroForm says exactly what the form definition says: names, codes, lengths, labels. */
class NotificationFormPdfTest {

    private static final FormDefinition.Form FORM = FormDefinition.notification();
    private static byte[] pdf;

    @BeforeAll
    static void generate() {
        pdf = NotificationFormPdf.generate(FORM, CouncilNames.OFFICIAL, List.of("Email it to intake@example.test."));
    }

    private static Map<String, PDField> fields(PDAcroForm form) {
        return form.getFields().stream().collect(Collectors.toMap(PDField::getFullyQualifiedName, Function.identity()));
    }

    @Test
    void fieldNamesShouldBeExactlyTheFormKeysInTheirOrder() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            assertThat(form.getFields().stream().map(PDField::getFullyQualifiedName).toList())
                    .containsExactlyElementsOf(FORM.fields().stream().map(Field::key).toList());
            for (PDField field : form.getFields()) {
                // the tooltip a screen reader announces is the definition's label
                assertThat(field.getAlternateFieldName()).isEqualTo(FORM.field(field.getFullyQualifiedName()).orElseThrow().label());
            }
        }
    }

    @Test
    void choicesShouldExportTheOptionCodesAndShowTheirWords() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            Map<String, PDField> fields = fields(document.getDocumentCatalog().getAcroForm(null));
            for (Field field : FORM.fields()) {
                PDField made = fields.get(field.key());
                List<String> codes = field.options().stream().map(Option::code).toList();
                switch (field.input()) {
                    case RADIOS -> {
                        PDRadioButton radio = (PDRadioButton) made;
                        assertThat(radio.getOnValues()).as(field.key()).containsExactlyInAnyOrderElementsOf(codes);
                        assertThat(radio.getWidgets()).hasSize(codes.size());
                        assertThat(radio.getValue()).as(field.key()).isIn("", "Off");
                    }
                    case SELECT -> {
                        PDComboBox combo = (PDComboBox) made;
                        assertThat(combo.getOptionsExportValues()).as(field.key()).containsExactlyElementsOf(codes);
                        assertThat(combo.getOptionsDisplayValues()).as(field.key())
                                .containsExactlyElementsOf(field.options().stream().map(Option::words).toList());
                        assertThat(combo.isEdit()).isFalse();
                    }
                    case COUNCIL -> {
                        PDComboBox combo = (PDComboBox) made;
                        assertThat(combo.getOptionsExportValues()).containsExactlyElementsOf(CouncilNames.OFFICIAL);
                        assertThat(combo.isEdit()).as("a council's name may also be typed").isTrue();
                    }
                    default -> {
                        PDTextField text = (PDTextField) made;
                        assertThat(text.getMaxLen()).as(field.key()).isEqualTo(field.maxLength());
                        assertThat(text.isMultiline()).as(field.key()).isEqualTo(field.input() == Input.TEXTAREA);
                    }
                }
            }
        }
    }

    @Test
    void everyWidgetShouldHaveAnAppearanceAndTheFormAskReadersToRedrawThem() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDAcroForm form = document.getDocumentCatalog().getAcroForm(null);
            assertThat(form.getNeedAppearances()).isTrue();
            for (PDField field : form.getFields()) {
                for (PDAnnotationWidget widget : field.getWidgets()) {
                    assertThat(widget.getAppearance()).as(field.getFullyQualifiedName()).isNotNull();
                    assertThat(widget.getAppearance().getNormalAppearance()).isNotNull();
                    assertThat(widget.getPage()).isNotNull();
                    assertThat(widget.isPrinted()).isTrue();
                }
            }
            assertThat(document.getDocumentInformation().getTitle()).isEqualTo(FORM.title());
            assertThat(document.getDocumentCatalog().getLanguage()).isEqualTo("en-GB");
        }
    }

    @Test
    void labelsHintsAndTheWordsOfEachOptionShouldBePrinted() throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains(FORM.title(), "Email it to intake@example.test.", "dd/mm/yyyy");
            for (FormDefinition.Section section : FORM.sections()) {
                assertThat(text).contains(section.title());
            }
            for (Field field : FORM.fields()) {
                assertThat(text).contains(field.label());
                if (field.hint() != null && field.input() != Input.DATE) {
                    assertThat(text).contains(field.hint());
                }
                if (field.input() == Input.RADIOS) {
                    field.options().forEach(option -> assertThat(text).contains(option.words()));
                }
            }
        }
    }
}
