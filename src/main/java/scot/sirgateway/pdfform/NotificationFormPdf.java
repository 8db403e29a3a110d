package scot.sirgateway.pdfform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.color.PDColor;
import org.apache.pdfbox.pdmodel.graphics.color.PDDeviceRGB;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceCharacteristicsDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceDictionary;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceEntry;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAppearanceStream;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDBorderStyleDictionary;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDComboBox;
import org.apache.pdfbox.pdmodel.interactive.form.PDField;
import org.apache.pdfbox.pdmodel.interactive.form.PDRadioButton;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;
import org.apache.pdfbox.pdmodel.interactive.viewerpreferences.PDViewerPreferences;

import scot.sirgateway.model.FormDefinition;
import scot.sirgateway.model.FormDefinition.Field;
import scot.sirgateway.model.FormDefinition.Form;
import scot.sirgateway.model.FormDefinition.Input;
import scot.sirgateway.model.FormDefinition.Option;

/**
 * Draws a form of the {@link FormDefinition} as a fillable PDF (AcroForm), for councils that keep emailing
 * documents: a title, the instruction, each section as a heading and each field as an AcroForm field named
 * exactly by its key, so that the gateway's PDF reader takes a completed one back field by field. Labels
 * and hints are printed beside each field and the label is the field's tooltip ({@code TU}), which screen
 * readers announce. Text fields carry the definition's longest value; dates are text fields written
 * dd/mm/yyyy; radios and lists show the words of each option and have its code as the export value, so
 * the value read back is the code; the council is an editable list of the 32 councils' names. Every
 * widget has its appearance streams and the form asks readers to redraw them ({@code NeedAppearances})
 * once filled, so it looks right in ordinary readers and in tools that fill it.
 */
public final class NotificationFormPdf {

    private static final PDRectangle PAGE = PDRectangle.A4;
    private static final float MARGIN = 50;
    private static final float WIDTH = PAGE.getWidth() - 2 * MARGIN;
    private static final float BOX_HEIGHT = 18;
    private static final float RADIO_SIZE = 11;
    private static final String FIELD_FONT = "Helv";

    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private final Form form;
    private final List<String> councils;
    private final List<String> instructions;

    private PDDocument document;
    private PDAcroForm acroForm;
    private PDPage page;
    private PDPageContentStream content;
    private float y;

    private NotificationFormPdf(Form form, List<String> councils, List<String> instructions) {
        this.form = form;
        this.councils = councils;
        this.instructions = instructions;
    }

    /**
     * The form as PDF bytes. {@code councils}: the names the council field offers (its value may also be
     * typed); {@code instructions}: paragraphs printed under the title (where to send it, how).
     */
    public static byte[] generate(Form form, List<String> councils, List<String> instructions) {
        try {
            return new NotificationFormPdf(form, councils, instructions).draw();
        } catch (IOException e) {
            throw new UncheckedIOException("the notification form PDF could not be drawn", e);
        }
    }

    private byte[] draw() throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            document = pdf;
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(form.title());
            info.setSubject("Fillable " + form.title().toLowerCase(Locale.ROOT) + " form of the SIR Gateway");
            info.setCreator("SIR Gateway");
            pdf.setDocumentInformation(info);
            pdf.getDocumentCatalog().setLanguage("en-GB");
            PDViewerPreferences preferences = new PDViewerPreferences(new org.apache.pdfbox.cos.COSDictionary());
            preferences.setDisplayDocTitle(true);
            pdf.getDocumentCatalog().setViewerPreferences(preferences);

            acroForm = new PDAcroForm(pdf);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName(FIELD_FONT), regular);
            acroForm.setDefaultResources(resources);
            acroForm.setDefaultAppearance("/" + FIELD_FONT + " 10 Tf 0 g");
            pdf.getDocumentCatalog().setAcroForm(acroForm);

            newPage();
            paragraph(form.title(), bold, 18, 0);
            y -= 6;
            for (String instruction : instructions) {
                paragraph(instruction, regular, 10, 0);
                y -= 4;
            }
            for (FormDefinition.Section section : form.sections()) {
                y -= 10;
                ensure(60);
                paragraph(section.title(), bold, 13, 0);
                y -= 4;
                for (Field field : section.fields()) {
                    field(field);
                }
            }
            content.close();
            // the widgets' own appearances for the empty form; readers redraw them once values are in
            acroForm.refreshAppearances();
            acroForm.setNeedAppearances(true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.save(out);
            return out.toByteArray();
        }
    }

    private void field(Field field) throws IOException {
        List<String> hints = hints(field);
        float needed = 14 + 12 * hints.size() + (field.chosen() && field.input() == Input.RADIOS
                ? 16 * field.options().size() : height(field)) + 10;
        ensure(Math.min(needed, 200));
        String label = field.label() + (field.required() || field.requiredWhen() != null ? "" : " (optional)");
        paragraph(label, bold, 10, 0);
        for (String hint : hints) {
            paragraph(hint, regular, 9, 0, 0.3f);
        }
        y -= 3;
        PDField made = switch (field.input()) {
            case RADIOS -> radios(field);
            case SELECT -> comboBox(field, field.options().stream().map(Option::code).toList(),
                    field.options().stream().map(Option::words).toList(), false);
            case COUNCIL -> comboBox(field, councils, councils, true);
            default -> textField(field);
        };
        made.setPartialName(field.key());
        made.setAlternateFieldName(field.label());
        made.setRequired(false);
        acroForm.getFields().add(made);
        y -= 10;
    }

    /** The hint lines: the definition's hint, when the field applies, and how a date is written. */
    private List<String> hints(Field field) {
        List<String> hints = new ArrayList<>();
        if (field.shownWhen() != null) {
            Field other = form.field(field.shownWhen().key()).orElseThrow();
            hints.add("Answer only if the answer to \"" + other.label() + "\" is " + other.words(field.shownWhen().value()) + ".");
        }
        if (field.input() == Input.DATE) {
            if (field.hint() != null && !field.hint().startsWith("For example")) {
                hints.add(field.hint());
            }
            hints.add("Write the date as dd/mm/yyyy, for example 27/11/2026.");
        } else if (field.input() == Input.COUNCIL) {
            hints.add("Choose your council from the list, or type its name.");
        } else if (field.hint() != null) {
            hints.add(field.hint());
        }
        return hints;
    }

    private static float height(Field field) {
        if (field.input() != Input.TEXTAREA) {
            return BOX_HEIGHT;
        }
        return field.maxLength() > 5_000 ? 160 : 70;
    }

    private PDTextField textField(Field field) throws IOException {
        PDTextField text = new PDTextField(acroForm);
        text.setDefaultAppearance("/" + FIELD_FONT + " 10 Tf 0 g");
        text.setMaxLen(field.maxLength());
        boolean multiline = field.input() == Input.TEXTAREA;
        text.setMultiline(multiline);
        text.setDoNotScroll(false);
        float height = height(field);
        float width = field.input() == Input.DATE ? 110 : WIDTH;
        ensure(height);
        place(text.getWidgets().get(0), MARGIN, y - height, width, height);
        y -= height;
        return text;
    }

    private PDComboBox comboBox(Field field, List<String> codes, List<String> words, boolean editable) throws IOException {
        PDComboBox combo = new PDComboBox(acroForm);
        combo.setDefaultAppearance("/" + FIELD_FONT + " 9 Tf 0 g");
        combo.setOptions(codes, words);
        combo.setEdit(editable);
        ensure(BOX_HEIGHT);
        place(combo.getWidgets().get(0), MARGIN, y - BOX_HEIGHT, WIDTH, BOX_HEIGHT);
        y -= BOX_HEIGHT;
        return combo;
    }

    /** A radio group: one button per option, its on state named by the option's code, its words beside it. */
    private PDRadioButton radios(Field field) throws IOException {
        PDRadioButton radio = new PDRadioButton(acroForm);
        radio.setRadiosInUnison(false);
        List<PDAnnotationWidget> widgets = new ArrayList<>();
        for (Option option : field.options()) {
            List<String> lines = wrap(option.words(), regular, 10, WIDTH - 20);
            ensure(12 * lines.size() + 4);
            float top = y;
            PDAnnotationWidget widget = place(new PDAnnotationWidget(), MARGIN, top - RADIO_SIZE - 1, RADIO_SIZE, RADIO_SIZE);
            widget.getCOSObject().setName(COSName.AS, "Off");
            widget.setAppearance(radioAppearance(option.code()));
            widgets.add(widget);
            for (String line : lines) {
                text(line, regular, 10, MARGIN + 18, y - 9, 0);
                y -= 12;
            }
            y -= 4;
        }
        radio.setWidgets(widgets);
        return radio;
    }

    private PDAppearanceDictionary radioAppearance(String code) throws IOException {
        PDAppearanceDictionary appearance = new PDAppearanceDictionary();
        org.apache.pdfbox.cos.COSDictionary normal = new org.apache.pdfbox.cos.COSDictionary();
        normal.setItem(COSName.getPDFName(code), circle(true));
        normal.setItem(COSName.Off, circle(false));
        appearance.setNormalAppearance(new PDAppearanceEntry(normal));
        return appearance;
    }

    private PDAppearanceStream circle(boolean chosen) throws IOException {
        PDAppearanceStream stream = new PDAppearanceStream(document);
        stream.setBBox(new PDRectangle(RADIO_SIZE, RADIO_SIZE));
        stream.setResources(new PDResources());
        try (PDPageContentStream draw = new PDPageContentStream(document, stream)) {
            float c = RADIO_SIZE / 2;
            draw.setStrokingColor(0f, 0f, 0f);
            draw.setLineWidth(1);
            circlePath(draw, c, c, c - 0.5f);
            draw.stroke();
            if (chosen) {
                draw.setNonStrokingColor(0f, 0f, 0f);
                circlePath(draw, c, c, c - 3f);
                draw.fill();
            }
        }
        return stream;
    }

    private static void circlePath(PDPageContentStream draw, float cx, float cy, float r) throws IOException {
        float k = 0.5523f * r;
        draw.moveTo(cx + r, cy);
        draw.curveTo(cx + r, cy + k, cx + k, cy + r, cx, cy + r);
        draw.curveTo(cx - k, cy + r, cx - r, cy + k, cx - r, cy);
        draw.curveTo(cx - r, cy - k, cx - k, cy - r, cx, cy - r);
        draw.curveTo(cx + k, cy - r, cx + r, cy - k, cx + r, cy);
        draw.closePath();
    }

    /** Puts a widget on the current page, printed, with a dark grey border on white. */
    private PDAnnotationWidget place(PDAnnotationWidget widget, float x, float bottom, float width, float height)
            throws IOException {
        widget.setRectangle(new PDRectangle(x, bottom, width, height));
        widget.setPage(page);
        widget.setPrinted(true);
        PDAppearanceCharacteristicsDictionary look = new PDAppearanceCharacteristicsDictionary(
                new org.apache.pdfbox.cos.COSDictionary());
        look.setBorderColour(new PDColor(new float[] {0.2f, 0.2f, 0.2f}, PDDeviceRGB.INSTANCE));
        look.setBackground(new PDColor(new float[] {1f, 1f, 1f}, PDDeviceRGB.INSTANCE));
        widget.setAppearanceCharacteristics(look);
        PDBorderStyleDictionary border = new PDBorderStyleDictionary();
        border.setWidth(1);
        widget.setBorderStyle(border);
        page.getAnnotations().add(widget);
        return widget;
    }

    // --- printed text ---

    private void paragraph(String text, PDType1Font font, float size, float indent) throws IOException {
        paragraph(text, font, size, indent, 0f);
    }

    private void paragraph(String text, PDType1Font font, float size, float indent, float grey) throws IOException {
        float leading = size * 1.25f;
        for (String line : wrap(text, font, size, WIDTH - indent)) {
            ensure(leading);
            text(line, font, size, MARGIN + indent, y - size, grey);
            y -= leading;
        }
    }

    private void text(String line, PDType1Font font, float size, float x, float baseline, float grey) throws IOException {
        content.beginText();
        content.setNonStrokingColor(grey, grey, grey);
        content.setFont(font, size);
        content.newLineAtOffset(x, baseline);
        content.showText(line);
        content.endText();
    }

    /** The text in lines no wider than {@code width}, breaking between words; characters the font lacks as '?'. */
    static List<String> wrap(String text, PDType1Font font, float size, float width) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : printable(text, font).split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        lines.add(line.toString());
        return lines;
    }

    private static String printable(String text, PDType1Font font) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                out.append(' ');
                continue;
            }
            try {
                font.encode(String.valueOf(c));
                out.append(c);
            } catch (IllegalArgumentException unencodable) {
                out.append('?');
            }
        }
        return out.toString();
    }

    private void ensure(float height) throws IOException {
        if (y - height < MARGIN) {
            newPage();
        }
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        page = new PDPage(PAGE);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PAGE.getHeight() - MARGIN;
    }
}
