package scot.sirgateway.corpus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationWidget;
import org.apache.pdfbox.pdmodel.interactive.form.PDAcroForm;
import org.apache.pdfbox.pdmodel.interactive.form.PDTextField;

/**
 * Writes the generated part of the development corpus: 120 invented serious incident notifications as
 * councils send them (fillable PDF forms, Word and OpenDocument files, RTF, HTML and plain-text mail
 * bodies) with a {@code labels.csv} giving the true answer for every document. They were written as two
 * halves, {@link Half#A} and {@link Half#B}, B with wordings A lacks; both are development data now.
 * Everything is invented. The output depends only on {@link #SEED}: running it again writes the same
 * documents and labels.
 *
 * <p>Usage: {@code CorpusGenerator <folder>} (replaces the numbered documents and labels already there).
 */
public final class CorpusGenerator {

    /** Fixed seed: changing it changes every document. */
    public static final long SEED = 20_260_203L;
    public static final int PER_HALF = 60;
    public static final String LABELS_HEADER = "file,sender,local_authority,incident_type,incident_category,order_type,"
            + "mappa,mappa_category,mappa_level,incident_date,domestic_abuse,historical,complete";

    private static final Pattern GENERATED = Pattern.compile("\\d{3}-(pdf|docx|odt|rtf|html|txt)\\.\\w+|labels\\.csv");

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("Usage: CorpusGenerator <output folder, for example src/test/resources/corpus/dev/generated>");
            System.exit(2);
        }
        List<Doc> docs = generate(Path.of(args[0]));
        System.out.println("Wrote " + docs.size() + " documents and their labels under " + args[0]);
    }

    /** Writes both halves' documents and one {@code labels.csv} into {@code dir} and returns them with their labels. */
    public static List<Doc> generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (Stream<Path> old = Files.list(dir)) {
            for (Path p : old.filter(p -> GENERATED.matcher(p.getFileName().toString()).matches()).toList()) {
                Files.delete(p);
            }
        }
        List<Doc> all = new ArrayList<>();
        StringBuilder csv = new StringBuilder(LABELS_HEADER).append('\n');
        for (Half half : Half.values()) {
            for (Doc d : plan(half)) {
                Files.write(dir.resolve(d.file()), render(d));
                csv.append(d.labelRow()).append('\n');
                all.add(d);
            }
        }
        Files.writeString(dir.resolve("labels.csv"), csv.toString(), StandardCharsets.UTF_8);
        return all;
    }

    // ------------------------------------------------------------------------------------------------
    // The model
    // ------------------------------------------------------------------------------------------------

    /** The two halves the documents were written in; B uses wordings, spellings and date styles A lacks. */
    public enum Half {
        A(1), B(1 + PER_HALF);

        final int firstNumber;

        Half(int firstNumber) {
            this.firstNumber = firstNumber;
        }
    }

    public enum Format {
        PDF("pdf"), DOCX("docx"), ODT("odt"), RTF("rtf"), HTML("html"), TXT("txt");

        public final String ext;

        Format(String ext) {
            this.ext = ext;
        }
    }

    /** FORM: AcroForm fields; TABLE: two columns; LINES: "Label: value"; PROSE: a letter; STACKED: label line then value line. */
    enum Layout { FORM, TABLE, LINES, PROSE, STACKED }

    enum TypeMode { CODE, WORDS, DESCRIPTION }

    enum Missing { NONE, OFFENDER_REF, INCIDENT_DATE, INCIDENT_TYPE, ORDER_TYPE, MAPPA, SIGNOFF }

    enum DateStyle {
        // the styles of both halves
        D_M_YYYY, DD_MM_YYYY, DD_MON_YYYY, ORDINAL, WEEKDAY, DOT_YY, ISO,
        // styles that only half B uses
        D_MON_YYYY, DOT_YYYY, ORDINAL_OF, DASH_NUM, D_MONTH_YYYY, SHORT_WEEKDAY;

        static final List<DateStyle> A = List.of(D_M_YYYY, DD_MM_YYYY, DD_MON_YYYY, ORDINAL, WEEKDAY, DOT_YY, ISO);
        static final List<DateStyle> B_ONLY = List.of(D_MON_YYYY, DOT_YYYY, ORDINAL_OF, DASH_NUM, D_MONTH_YYYY,
                SHORT_WEEKDAY);
    }

    record Council(String name, String domain, List<String> spellings, List<String> bSpellings) {
    }

    /** One invented incident description with the type words a worker would put beside it. */
    record Desc(String type, boolean halfB, int category, String flag, boolean explicit, List<String> words,
            String other, String text) {
    }

    record Slot(String type, String flag) {
    }

    record Entry(String key, String label, String value) {
    }

    /** A notification: what is true about it (the labels) and how it is written down. */
    public static final class Doc {
        Half half;
        int number;
        Format format;
        Layout layout;
        boolean keyLabels;
        Council council;
        String councilText;
        String sender;
        String type;
        String typeText;
        String typeOther;
        TypeMode typeMode;
        boolean typeSeeDescription;
        int category;
        String categoryText;
        String order;
        String orderText;
        Boolean mappa;
        Integer mappaCategory;
        Integer mappaLevel;
        String mappaText;
        boolean mappaCombined;
        Boolean sog;
        LocalDate incidentDate;
        LocalDate awareDate;
        LocalDate dob;
        LocalDate lastSeen;
        LocalDate lscmiDate;
        DateStyle dateStyle;
        DateStyle otherDateStyle;
        boolean domestic;
        boolean historical;
        Missing missing = Missing.NONE;
        boolean placeholder;
        String notifierName;
        String notifierRole;
        String notifierEmail;
        String notifierPhone;
        String signoffName;
        String signoffRole;
        String offenderRef;
        String initials;
        boolean male;
        String genderText;
        List<String> description = new ArrayList<>();
        String agencies;
        String indexOffence;
        Boolean lscmi;
        Boolean rmp;
        boolean incidentFirst;
        String separator = ":";
        boolean wrap;
        boolean splitRuns;
        boolean forwarded;
        String title;
        boolean officialMarking;

        public String file() {
            return String.format(Locale.ROOT, "%03d-%s.%s", number, format.name().toLowerCase(Locale.ROOT), format.ext);
        }

        public Half half() {
            return half;
        }

        public Format format() {
            return format;
        }

        public String type() {
            return type;
        }

        public boolean complete() {
            return missing == Missing.NONE;
        }

        String labelRow() {
            boolean noMappa = missing == Missing.MAPPA;
            return String.join(",", csv(file()), csv(sender), csv(council.name()), csv(type),
                    csv(String.valueOf(category)), csv(missing == Missing.ORDER_TYPE ? null : order),
                    csv(noMappa || mappa == null ? null : mappa.toString()),
                    csv(noMappa || mappaCategory == null ? null : mappaCategory.toString()),
                    csv(noMappa || mappaLevel == null ? null : mappaLevel.toString()),
                    csv(missing == Missing.INCIDENT_DATE || incidentDate == null ? null : incidentDate.toString()),
                    String.valueOf(domestic),
                    String.valueOf(historical), String.valueOf(complete()));
        }
    }

    static String csv(String value) {
        if (value == null) {
            return "";
        }
        if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }

    // ------------------------------------------------------------------------------------------------
    // Reference data (all invented except the council names and domains, which are the registry's)
    // ------------------------------------------------------------------------------------------------

    static final List<Council> COUNCILS = List.of(
            council("Aberdeen City", "aberdeencity.gov.uk", l("Aberdeen City Council", "Aberdeen City"), l("ABERDEEN CITY COUNCIL", "Aberdeen")),
            council("Aberdeenshire", "aberdeenshire.gov.uk", l("Aberdeenshire Council", "Aberdeenshire"), l("aberdeenshire council")),
            council("Angus", "angus.gov.uk", l("Angus Council", "Angus"), l("ANGUS COUNCIL")),
            council("Argyll and Bute", "argyll-bute.gov.uk", l("Argyll and Bute Council", "Argyll & Bute"), l("Argyll & Bute Council", "Argyll")),
            council("City of Edinburgh", "edinburgh.gov.uk", l("City of Edinburgh Council", "Edinburgh"), l("The City of Edinburgh Council", "Edinburgh City Council")),
            council("Clackmannanshire", "clacks.gov.uk", l("Clackmannanshire Council", "Clackmannanshire"), l("Clacks")),
            council("Dumfries and Galloway", "dumgal.gov.uk", l("Dumfries & Galloway", "Dumfries and Galloway Council"), l("Dumfries & Galloway Council", "Dumgal")),
            council("Dundee City", "dundeecity.gov.uk", l("Dundee City Council", "Dundee"), l("Dundee City")),
            council("East Ayrshire", "east-ayrshire.gov.uk", l("East Ayrshire Council", "East Ayrshire"), l("East Ayrshire council")),
            council("East Dunbartonshire", "eastdunbarton.gov.uk", l("East Dunbartonshire Council", "East Dunbartonshire"), l("E. Dunbartonshire")),
            council("East Lothian", "eastlothian.gov.uk", l("East Lothian Council", "East Lothian"), l("EAST LOTHIAN")),
            council("East Renfrewshire", "eastrenfrewshire.gov.uk", l("East Renfrewshire Council", "East Renfrewshire"), l("East Renfrewshire council")),
            council("Falkirk", "falkirk.gov.uk", l("Falkirk Council", "Falkirk"), l("FALKIRK COUNCIL")),
            council("Fife", "fife.gov.uk", l("Fife Council", "Fife"), l("FIFE")),
            council("Glasgow City", "glasgow.gov.uk", l("Glasgow City Council", "Glasgow"), l("Glasgow City", "GLASGOW CITY COUNCIL")),
            council("Highland", "highland.gov.uk", l("Highland Council", "Highland"), l("The Highland Council", "Highlands")),
            council("Inverclyde", "inverclyde.gov.uk", l("Inverclyde Council", "Inverclyde"), l("INVERCLYDE")),
            council("Midlothian", "midlothian.gov.uk", l("Midlothian Council", "Midlothian"), l("midlothian")),
            council("Moray", "moray.gov.uk", l("Moray Council", "Moray"), l("The Moray Council")),
            council("Na h-Eileanan Siar", "cne-siar.gov.uk", l("Eilean Siar", "Western Isles", "Na h-Eileanan Siar"), l("Comhairle nan Eilean Siar", "Na h-Eileanan an Iar")),
            council("North Ayrshire", "north-ayrshire.gov.uk", l("North Ayrshire Council", "North Ayrshire"), l("N. Ayrshire Council")),
            council("North Lanarkshire", "northlan.gov.uk", l("North Lanarkshire Council", "North Lanarkshire"), l("North Lanarkshire council")),
            council("Orkney Islands", "orkney.gov.uk", l("Orkney Islands Council", "Orkney"), l("Orkney Islands")),
            council("Perth and Kinross", "pkc.gov.uk", l("Perth & Kinross", "Perth and Kinross Council"), l("Perth & Kinross Council", "PKC")),
            council("Renfrewshire", "renfrewshire.gov.uk", l("Renfrewshire Council", "Renfrewshire"), l("RENFREWSHIRE COUNCIL")),
            council("Scottish Borders", "scotborders.gov.uk", l("Scottish Borders Council", "Scottish Borders"), l("The Borders", "Borders Council")),
            council("Shetland Islands", "shetland.gov.uk", l("Shetland Islands Council", "Shetland"), l("Shetland Islands")),
            council("South Ayrshire", "south-ayrshire.gov.uk", l("South Ayrshire Council", "South Ayrshire"), l("S. Ayrshire")),
            council("South Lanarkshire", "southlanarkshire.gov.uk", l("South Lanarkshire Council", "South Lanarkshire"), l("South Lanarkshire council")),
            council("Stirling", "stirling.gov.uk", l("Stirling Council", "Stirling"), l("STIRLING COUNCIL")),
            council("West Dunbartonshire", "west-dunbarton.gov.uk", l("West Dunbartonshire Council", "West Dunbartonshire"), l("W. Dunbartonshire")),
            council("West Lothian", "westlothian.gov.uk", l("West Lothian Council", "West Lothian"), l("West Lothian council")));

    static final List<String> TYPES = List.of("MURDER_PERPETRATOR", "MURDER_VICTIM", "ATTEMPTED_MURDER", "SEXUAL_OFFENCE",
            "INDECENT_IMAGES", "SERIOUS_ASSAULT", "ASSAULT_AND_ROBBERY", "SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER",
            "ASSAULT_WEAPON_BREACH_OF_PEACE", "DEATH_FROM_SERIOUS_ASSAULT", "CHILD_ABUSE", "ABDUCTION", "TERRORISM",
            "FIRE_RAISING", "FIREARM", "STALKING", "BURGLARY", "UNEXPLAINED_DEATH", "SUICIDE", "ACCIDENTAL_DEATH", "OTHER");

    /** Documents per half beyond two of every type (one more document per half has no type at all). */
    static final Map<String, Integer> EXTRA_PER_HALF = linked("MURDER_PERPETRATOR", 2, "SEXUAL_OFFENCE", 3,
            "SERIOUS_ASSAULT", 2, "UNEXPLAINED_DEATH", 2, "SUICIDE", 2, "INDECENT_IMAGES", 1, "CHILD_ABUSE", 1,
            "ASSAULT_AND_ROBBERY", 1, "STALKING", 1, "FIRE_RAISING", 1, "OTHER", 1);

    /** Documents flagged domestic abuse (D) or historical (H), per half. */
    static final List<Slot> A_FLAGS = List.of(new Slot("SERIOUS_ASSAULT", "D"), new Slot("STALKING", "D"),
            new Slot("MURDER_PERPETRATOR", "D"), new Slot("ABDUCTION", "D"), new Slot("CHILD_ABUSE", "H"),
            new Slot("SEXUAL_OFFENCE", "H"));
    static final List<Slot> B_FLAGS = List.of(new Slot("SERIOUS_ASSAULT", "D"), new Slot("STALKING", "D"),
            new Slot("ATTEMPTED_MURDER", "D"), new Slot("FIRE_RAISING", "D"), new Slot("CHILD_ABUSE", "H"),
            new Slot("SEXUAL_OFFENCE", "H"));

    static final List<Missing> A_MISSING = List.of(Missing.OFFENDER_REF, Missing.INCIDENT_DATE, Missing.INCIDENT_TYPE,
            Missing.ORDER_TYPE, Missing.MAPPA, Missing.SIGNOFF);
    static final List<Missing> B_MISSING = List.of(Missing.OFFENDER_REF, Missing.INCIDENT_DATE,
            Missing.INCIDENT_DATE, Missing.INCIDENT_TYPE, Missing.MAPPA, Missing.SIGNOFF);

    static final List<String> TYPE_DEATHS = List.of("MURDER_VICTIM", "UNEXPLAINED_DEATH", "SUICIDE", "ACCIDENTAL_DEATH");

    /** How often each order is drawn: Community Payback Orders are the most common. */
    static final List<String> ORDERS = l("CPO", "CPO", "CPO", "CPO", "CPO", "DTTO", "DTTO", "PAROLE", "PAROLE",
            "NON_PAROLE", "NON_PAROLE", "EXTENDED", "SRO", "SRO", "OLR", "OTHER");
    static final Map<String, List<String>> ORDER_WORDS = linked(
            "CPO", l("Community Payback Order", "CPO", "Community Payback Order (supervision requirement)"),
            "DTTO", l("DTTO", "Drug Treatment and Testing Order"),
            "PAROLE", l("Parole licence", "parole licence", "Parole Licence"),
            "NON_PAROLE", l("Non-parole licence", "Non Parole Licence"),
            "EXTENDED", l("Extended Sentence", "Extended sentence licence"),
            "SRO", l("Supervised Release Order", "SRO"),
            "OLR", l("Order for Lifelong Restriction", "OLR"),
            "OTHER", l("Other - Probation Order (imposed before 2011)", "Other: Probation Order"));
    static final Map<String, List<String>> ORDER_WORDS_B = linked(
            "CPO", l("CPO - supervision requirement", "Community Payback Order with unpaid work and supervision", "C.P.O."),
            "DTTO", l("Drug Treatment & Testing Order"),
            "PAROLE", l("Parole Licence (determinate sentence)", "On parole"),
            "NON_PAROLE", l("NPL", "non-parole licence (NPL)"),
            "EXTENDED", l("Extended Sentence (s.210A)", "ES licence (extended sentence)"),
            "SRO", l("S.R.O.", "Supervised release order (short-term sentence)"),
            "OLR", l("Order for Lifelong Restriction (OLR) - on licence", "Lifelong Restriction order"),
            "OTHER", l("Other (specify): Supervised Bail", "Other - supervised bail"));

    static final List<String> INDEX_OFFENCES = l("Assault to injury", "Possession of a controlled drug with intent to supply",
            "Theft by housebreaking", "Breach of the peace", "Threatening or abusive behaviour", "Assault to severe injury",
            "Possession of indecent images of children", "Robbery", "Culpable and reckless fire-raising",
            "Dangerous driving");

    static final Map<String, List<String>> LABELS = linked(
            "local_authority", l("Local authority", "Local Authority", "Council", "Local authority area"),
            "notifier_name", l("Name of notifier", "Notifier name", "Notifying officer", "Completed by"),
            "notifier_role", l("Notifier role", "Designation", "Job title"),
            "notifier_email", l("Email", "Notifier email", "E-mail address"),
            "notifier_phone", l("Telephone", "Phone", "Tel"),
            "signoff_name", l("Signed off by", "Authorised by", "Name of manager signing off"),
            "signoff_role", l("Sign-off role", "Manager's designation", "Designation of manager"),
            "incident_date", l("Date of incident", "Date of Incident", "Incident date"),
            "aware_date", l("Date council became aware", "Date aware", "Date of awareness"),
            "incident_category", l("Category of incident", "Incident category", "SIR category"),
            "incident_type", l("Type of incident", "Incident type", "Nature of incident"),
            "incident_type_other", l("If other, please specify", "Other (specify)"),
            "offender_ref", l("Case reference", "Offender reference", "Service user ref", "CJSW ref"),
            "offender_initials", l("Initials", "Offender initials"),
            "offender_dob", l("Date of birth", "DOB", "D.O.B."),
            "offender_gender", l("Gender", "Sex"),
            "order_type", l("Order / licence type", "Type of order", "Order or licence", "Statutory order"),
            "mappa", l("MAPPA (Y/N)", "MAPPA", "Subject to MAPPA"),
            "mappa_category", l("MAPPA category", "MAPPA cat"),
            "mappa_level", l("MAPPA level", "Level of management"),
            "sog_notified", l("SOG notified", "Strategic Oversight Group notified"),
            "lscmi_completed", l("LS/CMI completed", "LS/CMI"),
            "lscmi_date", l("LS/CMI date", "Date of LS/CMI"),
            "rmp_in_place", l("Risk management plan in place", "RMP in place"),
            "description", l("Description", "Description of incident", "Brief description", "Summary of incident", "Details"),
            "agencies_involved", l("Other agencies involved", "Agencies involved"),
            "index_offence", l("Index offence", "Original offence"));
    static final Map<String, List<String>> LABELS_B = linked(
            "local_authority", l("Reporting council", "Authority", "Local Authority (LA)"),
            "notifier_name", l("Person notifying", "Notifier", "Reported by"),
            "notifier_role", l("Role of notifier", "Position"),
            "notifier_email", l("Contact email", "Email address"),
            "notifier_phone", l("Contact number", "Tel no."),
            "signoff_name", l("Approved by", "Sign-off (name)", "Senior manager approving"),
            "signoff_role", l("Approver's role", "Sign-off (role)"),
            "incident_date", l("Date incident occurred", "When did the incident happen", "Date of the incident"),
            "aware_date", l("Date LA notified of incident", "Date we were informed"),
            "incident_category", l("Review category", "Which circumstance applies", "Category (1/2/3)"),
            "incident_type", l("Offence / incident", "Incident (type)", "What kind of incident"),
            "incident_type_other", l("Other - details", "If 'other', describe"),
            "offender_ref", l("Client ID", "Our ref", "Person's case number"),
            "offender_initials", l("Service user initials", "Initials of person"),
            "offender_dob", l("Born", "Date of Birth"),
            "offender_gender", l("Gender identity", "M/F"),
            "order_type", l("Order/Licence", "Supervision type", "Current order or licence"),
            "mappa", l("MAPPA eligible", "Managed under MAPPA?", "MAPPA status"),
            "mappa_category", l("MAPPA Category (1-3)", "Category under MAPPA"),
            "mappa_level", l("Management level", "MAPPA Level (1-3)"),
            "sog_notified", l("SOG informed", "Has the SOG been told"),
            "lscmi_completed", l("LS/CMI done", "Risk assessment (LS/CMI) completed"),
            "lscmi_date", l("LS/CMI completed on", "Date of last LS/CMI"),
            "rmp_in_place", l("Was a risk management plan in place", "RMP"),
            "description", l("Circumstances", "What happened", "Account of the incident"),
            "agencies_involved", l("Partner agencies", "Agencies"),
            "index_offence", l("Offence for which order imposed", "Index offence(s)"));

    static final List<String> KEY_ORDER = l("local_authority", "notifier_name", "notifier_role", "notifier_email",
            "notifier_phone", "offender_ref", "offender_initials", "offender_dob", "offender_gender", "order_type",
            "index_offence", "mappa", "mappa_category", "mappa_level", "sog_notified", "lscmi_completed", "lscmi_date",
            "rmp_in_place", "incident_date", "aware_date", "incident_category", "incident_type", "incident_type_other",
            "description", "agencies_involved", "signoff_name", "signoff_role");
    static final List<String> INCIDENT_KEYS = l("incident_date", "aware_date", "incident_category", "incident_type",
            "incident_type_other", "description");
    static final List<String> FORM_KEYS = l("local_authority", "notifier_name", "notifier_role", "notifier_email",
            "notifier_phone", "signoff_name", "signoff_role", "incident_date", "aware_date", "incident_category",
            "incident_type", "incident_type_other", "offender_ref", "offender_initials", "offender_dob", "offender_gender",
            "order_type", "mappa", "mappa_category", "mappa_level", "sog_notified", "lscmi_completed", "lscmi_date",
            "rmp_in_place", "description", "agencies_involved");

    static final List<String> FIRST_MALE = l("Hamish", "Callum", "Euan", "Alasdair", "Ruaridh", "Fraser", "Gregor",
            "Lachlan", "Duncan", "Struan");
    static final List<String> FIRST_FEMALE = l("Morag", "Isla", "Fiona", "Kirsty", "Mhairi", "Shona", "Eilidh",
            "Catriona", "Ailsa", "Rhona");
    static final List<String> SURNAMES = l("Example", "Sample", "Specimen", "Placeholder", "Madeup", "Fictional",
            "Testcase", "Notreal", "Pretendwell", "Inventson", "Fakeley", "Exampleton", "Mocksworth", "Dummyburn");
    static final List<String> NOTIFIER_ROLES = l("Senior Social Worker", "Team Leader, Justice Social Work",
            "Social Worker (Justice)", "Team Manager", "Senior Practitioner, CJSW");
    static final List<String> SIGNOFF_ROLES = l("Service Manager", "Head of Service", "Chief Social Work Officer",
            "Service Manager, Justice Services", "Head of Justice Social Work");
    static final List<String> AGENCIES = l("Police Scotland", "NHS mental health team", "Housing", "Scottish Prison Service",
            "Scottish Fire and Rescue Service", "Children's Services", "Addiction services", "Procurator Fiscal");
    static final List<String> A_TITLES = l("Serious Incident Notification", "SERIOUS INCIDENT NOTIFICATION",
            "Criminal Justice Social Work - Notification of a Serious Incident",
            "Notification of Serious Incident to the Care Inspectorate");
    static final List<String> B_TITLES = l("Justice Social Work: initial notification of a serious incident",
            "SIR notification form", "Serious Incident Review - Notification (Part A)",
            "Notification to Care Inspectorate (serious incident)");

    // ------------------------------------------------------------------------------------------------
    // The incidents
    // ------------------------------------------------------------------------------------------------

    static final List<Desc> DESCS = new ArrayList<>();

    private static void a(String type, int category, String flag, boolean explicit, List<String> words, String text) {
        DESCS.add(new Desc(type, false, category, flag, explicit, words, null, text));
    }

    private static void b(String type, int category, String flag, boolean explicit, List<String> words, String text) {
        DESCS.add(new Desc(type, true, category, flag, explicit, words, null, text));
    }

    private static void other(boolean halfB, int category, String other, String text) {
        DESCS.add(new Desc("OTHER", halfB, category, "", false, l("Other"), other, text));
    }

    static {
        // MURDER_PERPETRATOR
        a("MURDER_PERPETRATOR", 1, "", true, l("Murder", "Murder (offender as perpetrator)"),
                "{I} was arrested by Police Scotland following the death of a man in a flat in the same block as {his} own. {He} appeared on petition at the Sheriff Court charged with the murder of {his} neighbour and was remanded in custody. No plea was made.");
        a("MURDER_PERPETRATOR", 1, "", true, l("Murder"),
                "Police were called to a disturbance at a hostel where a resident was found with fatal stab wounds. {I} was arrested at the scene and has been charged with murder. {He} made no plea and was committed for further examination.");
        a("MURDER_PERPETRATOR", 1, "", true, l("Culpable homicide"),
                "{I} has been charged with culpable homicide following the death of a man at a party {he} attended. Police enquiries are continuing and {he} has been remanded.");
        a("MURDER_PERPETRATOR", 1, "D", true, l("Murder", "Murder (domestic)"),
                "{I} has been charged with the murder of {his} partner at their shared home. Police attended after a neighbour reported screaming. There had been two earlier domestic abuse incidents reported to police in 2025 and this is being treated as a domestic abuse homicide.");
        b("MURDER_PERPETRATOR", 1, "", true, l("Homicide", "Murder / culpable homicide"),
                "On being arrested {I} was charged with the murder of a 52-year-old man who had been found dead in a close near {his} address. {He} was remanded after appearing on petition.");
        b("MURDER_PERPETRATOR", 1, "", true, l("Charged with murder", "Homicide"),
                "Police have advised that {I} was detained following a death in a flat where {he} had been drinking with two acquaintances. One of them died at the scene from stab wounds. {I} has now been charged with murder and remanded.");
        b("MURDER_PERPETRATOR", 1, "", true, l("Murder / culpable homicide"),
                "{I} was charged with culpable homicide after a man died following a disturbance at a party {he} attended. The full circumstances are not yet known to the service.");
        b("MURDER_PERPETRATOR", 1, "", true, l("Homicide (perpetrator)"),
                "{I} has been charged with the murder of a man {he} shared a flat with. Police found the man's body in the flat after a relative raised concerns.");

        // MURDER_VICTIM
        a("MURDER_VICTIM", 3, "", true, l("Offender was the victim of murder", "Murder of offender"),
                "{I} was found with serious stab wounds in a stairwell near {his} home and was pronounced dead at the scene. Police Scotland are treating the death as murder and a 31-year-old man has since been charged with {his} murder. {I} had been attending supervision regularly.");
        a("MURDER_VICTIM", 3, "", true, l("Murder of offender"),
                "We have been informed by police that {I} died after being attacked in the street. A murder investigation is under way, with {I} as the victim, and two people have been arrested.");
        b("MURDER_VICTIM", 3, "", true, l("Death of service user - homicide", "Service user killed (murder)"),
                "{I} was killed in an attack at a friend's address. Police have charged a man with {his} murder. {His} supervising officer last saw {him} at a planned appointment and noted no concerns.");
        b("MURDER_VICTIM", 3, "", true, l("Service user killed (murder)"),
                "Police informed the team that {I} had died from injuries inflicted during a fight in a park. The death is being investigated as a homicide, with {I} as the victim; a man has been charged with {his} murder.");

        // ATTEMPTED_MURDER
        a("ATTEMPTED_MURDER", 1, "", true, l("Attempted murder"),
                "{I} has been charged with attempted murder after allegedly stabbing a man in the chest during an argument in a public house. The man needed emergency surgery and remains in hospital.");
        a("ATTEMPTED_MURDER", 1, "", true, l("Attempted murder", "Attempted Murder"),
                "Following an incident in the town centre {I} was arrested and charged with attempted murder. It is alleged that {he} repeatedly struck a stranger on the head with a bottle.");
        b("ATTEMPTED_MURDER", 1, "", true, l("Attempt to murder"),
                "{I} appeared at the Sheriff Court on petition for attempt to murder: it is alleged that {he} pushed a man from a second-floor landing. The man survived with multiple fractures.");
        b("ATTEMPTED_MURDER", 1, "D", true, l("Attempted murder (domestic)", "Attempt to murder"),
                "{I} has been charged with attempted murder of {his} wife, whom {he} is alleged to have strangled until she lost consciousness at the family home. The charge is aggravated by involving abuse of a partner and this is a domestic abuse incident. Children's services are involved.");

        // SEXUAL_OFFENCE
        a("SEXUAL_OFFENCE", 1, "", true, l("Rape"),
                "{I} was arrested and charged with the rape of a woman {he} had met through a dating app. {He} appeared on petition and was remanded. Police Scotland and the MAPPA co-ordinator have been informed.");
        a("SEXUAL_OFFENCE", 1, "", true, l("Sexual assault", "Sexual offence"),
                "It is alleged that {I} sexually assaulted a female passenger on a late-night bus. {He} was identified from CCTV and has been charged with sexual assault.");
        a("SEXUAL_OFFENCE", 1, "", true, l("Attempted rape"),
                "{I} has been charged with attempted rape following an incident at a party. {He} denies the charge and has been released on bail with special conditions.");
        a("SEXUAL_OFFENCE", 1, "", false, l("Murder (sexually motivated)", "Sexually motivated murder"),
                "{I} has been charged with the murder of a woman whose body was found in woodland. Police have told us that they believe the killing was sexually motivated, and a charge of sexual assault has also been libelled.");
        a("SEXUAL_OFFENCE", 1, "H", true, l("Rape (historical)", "Sexual offence - historical"),
                "These are historical sexual offences. A woman has reported to police that {I} raped her {histWhen}, when she was 15. {I} was charged this month and released on an undertaking.");
        b("SEXUAL_OFFENCE", 1, "", true, l("Sexual assault by penetration"),
                "{I} has been charged with sexual assault by penetration of a woman {he} knew. The offence is alleged to have taken place at {his} flat after a night out.");
        b("SEXUAL_OFFENCE", 1, "", true, l("Non-contact sexual offence (sexual exposure)"),
                "{I} was reported for exposing {self} to two teenage girls at a bus shelter and has been charged with sexual exposure, a non-contact sexual offence under the Sexual Offences (Scotland) Act 2009.");
        b("SEXUAL_OFFENCE", 1, "", false, l("Sexually motivated murder"),
                "{I} is charged with murder. The victim, a woman in her twenties, was found dead in a lane; the Crown has libelled that the murder was sexually motivated.");
        b("SEXUAL_OFFENCE", 1, "", true, l("Attempted rape", "Sexual offence (attempted rape)"),
                "{I} is alleged to have tried to rape a woman in a park late at night; she fought {him} off and alerted passers-by. {He} was arrested nearby and charged with attempted rape.");
        b("SEXUAL_OFFENCE", 1, "H", true, l("Rape - non-recent", "Historical rape"),
                "This relates to non-recent offending. In December 2025 a woman disclosed to police that {I} had raped her {histWhen}, when they worked together. {I} has been charged with rape; the offence is historical.");

        // INDECENT_IMAGES
        a("INDECENT_IMAGES", 1, "", true, l("Possession of indecent images of children", "Indecent images"),
                "Police Scotland executed a search warrant at {I}'s home and seized a laptop and two phones. {He} has been charged with possession of indecent images of children and released on an undertaking to appear.");
        a("INDECENT_IMAGES", 2, "", true, l("Indecent images"),
                "{I} was arrested after an online investigation traced the sharing of indecent images of children to {his} account. {He} has been charged with possessing and distributing indecent images of children. We have concerns about how {his} internet use was monitored under the order.");
        a("INDECENT_IMAGES", 1, "", true, l("Possession of indecent images of children"),
                "{I} told {his} social worker that {he} had been viewing sexual images of children online. The worker informed police, who seized {his} phone; {he} has since been charged with possession of indecent images of children.");
        b("INDECENT_IMAGES", 1, "", true, l("Distribution of indecent photographs of children", "IIOC (indecent images of children)"),
                "A device examination found several hundred indecent photographs of children on {I}'s mobile phone, some of which {he} had sent to others. {He} has been charged with distributing indecent photographs of children.");
        b("INDECENT_IMAGES", 1, "", true, l("Taking indecent images of a child"),
                "{I} is alleged to have taken indecent photographs of a 14-year-old girl known to {his} family. {He} has been arrested and charged with taking indecent photographs of a child.");
        b("INDECENT_IMAGES", 2, "", true, l("IIOC (indecent images of children)"),
                "Intelligence from the National Crime Agency led Police Scotland to {I}'s address, where devices containing indecent images of children were recovered. {He} has been charged with downloading and possessing the images. The case had been assessed as low risk, which is a concern for the service.");

        // SERIOUS_ASSAULT
        a("SERIOUS_ASSAULT", 1, "", true, l("Assault to severe injury", "Serious assault"),
                "{I} has been charged with assault to severe injury following a fight outside a takeaway. The victim, a man in his forties, sustained a fractured skull and remains in intensive care. There is no suggestion of a sexual element.");
        a("SERIOUS_ASSAULT", 1, "", true, l("Serious assault"),
                "It is alleged that {I} attacked a fellow resident of {his} supported accommodation with a kettle of boiling water, causing severe burns. {He} has been charged with assault to severe injury and permanent disfigurement.");
        a("SERIOUS_ASSAULT", 1, "", true, l("Assault to severe injury"),
                "{I} is charged with assault to severe injury after striking a taxi driver repeatedly with a metal bar; the driver has lost the sight of one eye.");
        a("SERIOUS_ASSAULT", 1, "D", true, l("Assault to severe injury (domestic)", "Serious assault"),
                "{I} has been charged with assault to severe injury of {his} partner, who suffered a broken jaw and eye socket at their home. This is a domestic abuse incident: police have recorded the assault as domestic abuse and a MARAC referral has been made.");
        b("SERIOUS_ASSAULT", 1, "", true, l("Assault to the danger of life"),
                "{I} is alleged to have kicked and stamped on a man's head outside a nightclub, leaving him with a bleed on the brain. {He} was charged with assault to the danger of life and remanded.");
        b("SERIOUS_ASSAULT", 1, "", true, l("Assault to severe injury and permanent disfigurement"),
                "{I} slashed a man across the face with a bottle during an argument, causing a wound that will leave permanent scarring. {He} has been charged with assault to severe injury and permanent disfigurement.");
        b("SERIOUS_ASSAULT", 1, "", true, l("Assault to severe injury", "Serious assault (severe injury)"),
                "A man was left with a fractured eye socket and cheekbone after {I} is alleged to have headbutted and punched him in a queue. Charge: assault to severe injury.");
        b("SERIOUS_ASSAULT", 1, "D", true, l("Assault to severe injury"),
                "{I} is charged with assault to severe injury aggravated by involving abuse of {his} partner (section 1 of the Abusive Behaviour and Sexual Harm (Scotland) Act 2016). {His} partner was admitted to hospital with multiple fractures after the assault at their home.");

        // ASSAULT_AND_ROBBERY
        a("ASSAULT_AND_ROBBERY", 1, "", true, l("Assault and robbery", "Robbery"),
                "{I} entered a convenience store, threatened the shop worker with a knife and took money from the till. The worker was punched in the struggle. {He} has been charged with assault and robbery.");
        a("ASSAULT_AND_ROBBERY", 1, "", true, l("Robbery"),
                "{I} has been charged with robbery after {he} and another man attacked a delivery driver and took his van keys and phone. The driver needed stitches to a head wound.");
        a("ASSAULT_AND_ROBBERY", 1, "", true, l("Assault and robbery"),
                "{I} and two others are alleged to have assaulted a teenager in a park and taken his phone, jacket and trainers. {He} has been charged with assault and robbery.");
        b("ASSAULT_AND_ROBBERY", 1, "", true, l("Armed robbery"),
                "{I} has been charged with armed robbery of a bookmaker's, having produced a hammer and demanded cash from staff, one of whom was struck on the arm.");
        b("ASSAULT_AND_ROBBERY", 1, "", true, l("Robbery (knife)"),
                "{I} is said to have held a knife to a pensioner's throat in a lift and robbed him of his bank card and cash. {He} has been charged with assault and robbery aggravated by the use of a knife.");
        b("ASSAULT_AND_ROBBERY", 1, "", true, l("Armed robbery", "Robbery (knife)"),
                "{I} robbed a taxi driver at knifepoint, taking the night's takings and cutting the driver's hand. {He} has been charged with assault and robbery.");

        // SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER
        a("SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER", 1, "", true, l("Assault to severe injury and attempted murder"),
                "{I} has been charged with assault to severe injury and attempted murder after a man was repeatedly struck with a machete in a stairwell. The man lost two fingers and has a head injury.");
        a("SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER", 1, "", true, l("Serious assault and attempted murder"),
                "{I} is charged with assault to severe injury and with attempted murder. The victim was stabbed several times in the back and neck in a flat; he survived after emergency surgery.");
        b("SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER", 1, "", true, l("Serious assault & attempted murder (charged together)"),
                "Two charges have been libelled together: assault to severe injury, and attempted murder. It is alleged that {I} drove a car at a man, then got out and assaulted him with a wheel brace.");
        b("SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER", 1, "", true, l("Assault to severe injury / attempted murder"),
                "Charges: (1) assault to severe injury and permanent disfigurement; (2) attempted murder. It is alleged that {I} set upon a man with a knife outside a shop.");

        // ASSAULT_WEAPON_BREACH_OF_PEACE
        a("ASSAULT_WEAPON_BREACH_OF_PEACE", 1, "", true, l("Assault, offensive weapon and breach of the peace"),
                "{I} was arrested in the street after brandishing a knife, shouting threats and punching a passer-by. {He} has been charged with assault, possession of an offensive weapon and breach of the peace.");
        a("ASSAULT_WEAPON_BREACH_OF_PEACE", 1, "", true, l("Assault, offensive weapon, breach of the peace"),
                "Following a disturbance in a town-centre car park, {I} was arrested and charged with assault, carrying an offensive weapon (a hammer) and breach of the peace. A man was struck on the shoulder.");
        b("ASSAULT_WEAPON_BREACH_OF_PEACE", 1, "", true, l("Assault; carrying an offensive weapon; breach of the peace"),
                "Police responded to reports of a man behaving aggressively outside a primary school at home time. {I} was carrying a baseball bat, had struck a parent with it and was shouting and swearing. Charges: assault; carrying an offensive weapon; breach of the peace.");
        b("ASSAULT_WEAPON_BREACH_OF_PEACE", 1, "", true, l("Assault / offensive weapon / breach of the peace"),
                "{I} was detained after punching a security guard at a supermarket while carrying a length of metal pipe and shouting abuse at customers. {He} faces charges of assault, having an offensive weapon in a public place, and breach of the peace.");

        // DEATH_FROM_SERIOUS_ASSAULT
        a("DEATH_FROM_SERIOUS_ASSAULT", 1, "", false, l("Victim died from serious assault"),
                "{I} assaulted a man during an argument at a house party, punching and kicking him repeatedly. The man died from his injuries in hospital five days later. {I} is in custody and the charges are expected to be reviewed by the Crown in light of the death.");
        a("DEATH_FROM_SERIOUS_ASSAULT", 1, "", false, l("Death of victim following serious assault"),
                "{I} was involved in a fight with another man outside a bar and struck him several times. The other man suffered a serious head injury and died in hospital. {I} is in custody.");
        b("DEATH_FROM_SERIOUS_ASSAULT", 1, "", false, l("Fatal assault"),
                "The victim of a serious assault by {I} on a bus has died. {I} had been charged with assault to severe injury and danger of life; the victim died in hospital a week later.");
        b("DEATH_FROM_SERIOUS_ASSAULT", 1, "", false, l("Fatal assault", "Serious assault - victim has died"),
                "{I} seriously assaulted an elderly neighbour during a dispute over noise. The neighbour was taken to hospital with head injuries and has since died.");

        // CHILD_ABUSE
        a("CHILD_ABUSE", 1, "", true, l("Child abuse", "Child cruelty and neglect"),
                "{I} has been charged with wilful neglect of {his} two children, aged 2 and 4, who were found alone in the family home, which was in a very poor condition. The children are now looked after by the local authority.");
        a("CHILD_ABUSE", 1, "", true, l("Child cruelty and neglect", "Child abuse"),
                "It is alleged that {I} repeatedly struck {his} 7-year-old stepson, causing bruising that school staff noticed. {He} has been charged with assault and cruelty to a child under the Children and Young Persons (Scotland) Act 1937.");
        a("CHILD_ABUSE", 1, "H", true, l("Child abuse (historical)"),
                "This is a historical matter. Two adults have disclosed that {I} physically abused them {histWhen} and in the years after, when they were children in {his} care. {I} has been charged with cruel and unnatural treatment of children.");
        b("CHILD_ABUSE", 1, "", true, l("Wilful ill-treatment of a child"),
                "{I} has been charged with wilful ill-treatment of a child after a 9-month-old baby in {his} care was taken to hospital with unexplained fractures.");
        b("CHILD_ABUSE", 1, "", true, l("Cruel and unnatural treatment of a child", "Child neglect"),
                "Police and social work carried out a joint investigation after nursery staff raised concerns. {I} is charged with neglecting and ill-treating {his} three-year-old daughter, who was found to be malnourished.");
        b("CHILD_ABUSE", 1, "H", true, l("Child abuse - non-recent", "Historical child abuse"),
                "{I} has been charged in relation to historical child abuse: it is alleged that between {histYear} and {histYear2}, while working at a residential school, {he} assaulted several pupils. The allegations came to light through a national inquiry.");

        // ABDUCTION
        a("ABDUCTION", 1, "", true, l("Abduction"),
                "It is alleged that {I} forced a young woman into {his} car, drove her to a remote location and kept her there for several hours before she escaped. {He} has been charged with abduction and assault.");
        a("ABDUCTION", 1, "D", true, l("Abduction"),
                "{I} has been charged with abduction of {his} former partner, whom {he} is alleged to have held in a flat against her will for two days. This is a domestic abuse incident and the woman is being supported by a local domestic abuse service.");
        b("ABDUCTION", 1, "", true, l("Abduction / holding hostage", "Hostage taking"),
                "{I} barricaded {self} and a housing officer into an office, threatening the officer with a screwdriver and refusing to let him leave for over three hours until police negotiators ended it. {He} has been charged with abduction and holding a person hostage.");
        b("ABDUCTION", 1, "", true, l("Abduction (child)"),
                "{I} took a 10-year-old boy from outside a school and drove away with him; the boy was found unharmed later that evening. {He} has been charged with abduction.");

        // TERRORISM
        a("TERRORISM", 2, "", true, l("Terrorism offence"),
                "{I} was arrested by counter-terrorism officers and has been charged under the Terrorism Act 2006 with dissemination of terrorist publications online.");
        a("TERRORISM", 1, "", true, l("Terrorism offence", "Terrorism"),
                "Police Scotland informed us that {I} has been charged with terrorism offences after material useful to a person preparing an act of terrorism was found at {his} home, along with instructions for making explosives.");
        b("TERRORISM", 2, "", true, l("Terrorism Act offence"),
                "{I} appeared at court charged with a terrorism offence: {he} is alleged to have encouraged others online to commit acts of violence against a religious community.");
        b("TERRORISM", 1, "", true, l("Terrorism-related charge"),
                "Counter Terrorism Policing arrested {I} under section 41 of the Terrorism Act 2000; {he} has since been charged with preparing acts of terrorism.");

        // FIRE_RAISING
        a("FIRE_RAISING", 1, "", true, l("Fire-raising", "Wilful fire-raising"),
                "{I} has been charged with wilful fire-raising after setting fire to the front door of a flat while the family living there were asleep. They were rescued by the fire service.");
        a("FIRE_RAISING", 1, "", true, l("Wilful fire-raising"),
                "It is alleged that {I} set fire to a mattress in {his} room in a homeless hostel, which had to be evacuated. Two residents were treated for smoke inhalation. {He} has been charged with fire-raising.");
        a("FIRE_RAISING", 1, "", true, l("Fire-raising"),
                "{I} set fire to a neighbour's car parked beside their house after a long-running dispute; the fire spread to the house and the family escaped. {He} has been charged with wilful fire-raising.");
        b("FIRE_RAISING", 1, "", true, l("Arson"),
                "{I} poured petrol through the letterbox of a house and set it alight; the three people inside escaped. Police have charged {him} with wilful fire-raising to the danger of life.");
        b("FIRE_RAISING", 1, "D", true, l("Deliberate fire setting", "Arson"),
                "{I} is alleged to have set fire to {his} ex-partner's car outside her home while she and the children were inside the house. Police are treating it as domestic abuse and {he} has been charged with fire-raising.");
        b("FIRE_RAISING", 1, "", true, l("Deliberate fire setting"),
                "{I} deliberately set fire to a bin store beneath a block of flats, which had to be evacuated. {He} has been charged with wilful fire-raising.");

        // FIREARM
        a("FIREARM", 2, "", true, l("Possession of a firearm"),
                "During a search of {his} home under warrant, police recovered a handgun and ammunition. {I} has been charged with possession of a firearm without a certificate and possession of a prohibited weapon.");
        a("FIREARM", 2, "", true, l("Possession of a firearm", "Firearm"),
                "{I} was stopped in a car in which a loaded shotgun was found. {He} has been charged with possession of a firearm.");
        b("FIREARM", 2, "", true, l("Firearms offence"),
                "Officers found a sawn-off shotgun hidden in {I}'s garden shed. {He} has been charged with possessing a firearm under the Firearms Act 1968.");
        b("FIREARM", 1, "", true, l("Possession of a prohibited weapon (handgun)"),
                "{I} was seen waving what appeared to be a pistol in a park. Armed police detained {him}; a converted handgun was recovered and {he} has been charged with possession of a firearm.");

        // STALKING
        a("STALKING", 1, "", true, l("Stalking"),
                "{I} has been charged with stalking a former work colleague. Over six weeks {he} repeatedly waited outside her home, followed her to work and sent over 200 messages.");
        a("STALKING", 2, "", true, l("Stalking"),
                "{I} has been charged with stalking after sending threatening letters to, and repeatedly visiting the home of, a woman {he} had met once at a party. Concerns have been raised about the frequency of supervision contact.");
        a("STALKING", 1, "D", true, l("Stalking"),
                "{I} has been charged with stalking {his} ex-partner, contrary to section 39 of the Criminal Justice and Licensing (Scotland) Act 2010. She reports that {he} tracked her car and turned up at her workplace daily. This is being dealt with as domestic abuse.");
        b("STALKING", 1, "", true, l("Stalking (s.39)", "Course of conduct - stalking"),
                "Over three months {I} followed a woman {he} met at a gym, left unwanted gifts and called her repeatedly. {He} has been charged with stalking under section 39 of the Criminal Justice and Licensing (Scotland) Act 2010.");
        b("STALKING", 2, "", true, l("Course of conduct - stalking"),
                "{I} repeatedly followed a 16-year-old girl home from school and photographed her. {He} has been charged with stalking. The service had not been told of an earlier police warning.");
        b("STALKING", 1, "D", true, l("Stalking (s.39)"),
                "{I} continued to contact {his} former wife in breach of a non-harassment order, appearing at her home and monitoring her social media. {He} has been charged with stalking and police are treating it as domestic abuse.");

        // BURGLARY
        a("BURGLARY", 2, "", true, l("Burglary"),
                "{I} was arrested inside an occupied house in the early hours and has been charged with burglary. The elderly householder was woken and badly shaken, though not physically hurt.");
        a("BURGLARY", 2, "", true, l("Burglary"),
                "{I} has been charged with a series of burglaries of homes in {his} area while under supervision, during one of which a householder was pushed to the ground.");
        b("BURGLARY", 2, "", true, l("Housebreaking with intent to steal"),
                "{I} has been charged with housebreaking with intent to steal after being found inside a neighbour's house at night; the neighbour, a vulnerable adult, was at home.");
        b("BURGLARY", 2, "", true, l("Housebreaking"),
                "Police have charged {I} with three housebreakings and theft from occupied houses while the occupants were asleep.");

        // UNEXPLAINED_DEATH
        a("UNEXPLAINED_DEATH", 3, "", true, l("Found dead", "Unexplained death"),
                "{I} was found dead in {his} flat by a housing support worker. A drug overdose is suspected; the cause of death will not be known until toxicology results are available. Police do not consider the death suspicious.");
        a("UNEXPLAINED_DEATH", 3, "", true, l("Suspected overdose"),
                "We were informed that {I} died suddenly at a friend's address. Drug paraphernalia was found and police believe the death was drug related, but the cause of death has not yet been established.");
        a("UNEXPLAINED_DEATH", 3, "", true, l("Unexplained death"),
                "{I} had not attended {his} appointment and the housing officer gained entry to {his} tenancy, where {he} was found deceased. The death is unexplained at present; a suspected overdose is being investigated.");
        a("UNEXPLAINED_DEATH", 3, "", true, l("Found dead", "Suspected overdose"),
                "{I}, who had been rough sleeping, was found dead in a tent near the river. Police suspect a drug overdose and are awaiting the post-mortem results.");
        b("UNEXPLAINED_DEATH", 3, "", true, l("Sudden death - awaiting toxicology"),
                "{I} was discovered unresponsive in a hostel room and pronounced dead by paramedics. The death is being treated as a sudden death; toxicology is awaited and a drug-related death is likely.");
        b("UNEXPLAINED_DEATH", 3, "", true, l("Drug-related death (suspected)"),
                "Sadly {I} has passed away. Police advised that the cause is unexplained pending a post-mortem, though street benzodiazepines were found nearby.");
        b("UNEXPLAINED_DEATH", 3, "", true, l("Unexplained death (cause unascertained)"),
                "{I} died at {his} home address. The Procurator Fiscal has instructed a post-mortem examination; the cause of death remains unascertained and no third party is thought to be involved.");
        b("UNEXPLAINED_DEATH", 3, "", true, l("Drug-related death (suspected)", "Sudden death"),
                "{I} was found dead in a stairwell. Police have said that the death is unexplained but not suspicious and that drugs are believed to have been involved.");

        // SUICIDE
        a("SUICIDE", 3, "", true, l("Suicide", "Took {his} own life"),
                "{I} took {his} own life at {his} home address. {He} had disclosed low mood to {his} social worker at supervision the week before and had been referred to the community mental health team.");
        a("SUICIDE", 3, "", true, l("Suicide"),
                "Police informed us that {I} died by suicide. {He} was found by a family member. There are no suspicious circumstances.");
        a("SUICIDE", 3, "", true, l("Took {his} own life"),
                "{I} was found dead; police have confirmed that {he} took {his} own life and left a note for {his} family.");
        a("SUICIDE", 3, "", true, l("Suicide"),
                "{I} died by suicide three weeks after being told that {his} tenancy was ending. {He} had told {his} worker that {he} felt hopeless.");
        b("SUICIDE", 3, "", true, l("Apparent suicide"),
                "{I} was found dead beside a railway line; British Transport Police have advised that the death is being treated as suicide.");
        b("SUICIDE", 3, "", true, l("Death by suicide"),
                "We are very sorry to report that {I} ended {his} life at {his} flat. {He} had a history of self-harm and was open to the mental health service.");
        b("SUICIDE", 3, "", true, l("Death by suicide", "Apparent suicide"),
                "{I} died in hospital two days after an intentional overdose of prescribed medication; the death has been recorded as suicide.");
        b("SUICIDE", 3, "", true, l("Apparent suicide"),
                "{I} was found dead at {his} home. Police Scotland have confirmed that {he} took {his} own life; a note was left.");

        // ACCIDENTAL_DEATH
        a("ACCIDENTAL_DEATH", 3, "", true, l("Accidental death", "Died in a road traffic accident"),
                "{I} died after being struck by a car while crossing a dual carriageway. Police have confirmed that the collision was a road traffic accident and there are no suspicious circumstances.");
        a("ACCIDENTAL_DEATH", 3, "", true, l("Accidental death"),
                "{I} died in an accidental fall from a window at a friend's flat. Police have ruled out third party involvement and are treating the death as accidental.");
        b("ACCIDENTAL_DEATH", 3, "", true, l("Fatal accident"),
                "{I} drowned after falling into a harbour on a night out; police have concluded that the death was a tragic accident.");
        b("ACCIDENTAL_DEATH", 3, "", true, l("Accidental death (house fire)", "Fatal accident"),
                "{I} died in a fire at {his} home which the fire service believe was started accidentally by a discarded cigarette. The death is being treated as accidental.");

        // OTHER
        other(false, 2, "Threats to kill a member of CJSW staff",
                "During a supervision appointment {I} made detailed threats to kill {his} social worker and the worker's family. {He} has been charged with threatening or abusive behaviour. The service is reviewing how the risk was assessed.");
        other(false, 3, "Serious injury of the offender (stabbed)",
                "{I} was stabbed in the abdomen during a street robbery and remains in hospital in a serious condition. {He} is expected to survive.");
        other(false, 2, "Attempting to pervert the course of justice (threatening a witness)",
                "{I} has been charged with attempting to pervert the course of justice after threatening a witness in {his} forthcoming trial for assault.");
        other(true, 3, "Serious self-harm requiring hospital admission",
                "{I} was admitted to intensive care after a serious act of self-harm at {his} flat. {He} is expected to recover. {He} had told hostel staff that {he} did not want to live.");
        other(true, 2, "Culpable and reckless conduct",
                "{I} threw a shopping trolley from a footbridge onto a busy road; nobody was hurt. {He} has been charged with culpable and reckless conduct.");
        other(true, 1, "Causing serious injury by dangerous driving",
                "{I} has been charged with causing serious injury by dangerous driving after {his} car mounted a pavement and struck a pedestrian, who is in a critical condition.");
    }

    static final String VAGUE_A = "Police Scotland contacted the duty worker to advise that {I} had been arrested at {his} home address and is due to appear in court on Monday. We have not yet been told what the charges are and will send a full update as soon as possible.";
    static final String VAGUE_B = "We have been made aware of a serious incident involving {I}. Further details are awaited from Police Scotland and we will forward them on receipt.";

    // ------------------------------------------------------------------------------------------------
    // Planning a half
    // ------------------------------------------------------------------------------------------------

    static List<Doc> plan(Half half) {
        boolean halfB = half == Half.B;
        Random r = new Random(SEED + 7919L * half.ordinal());

        // the incident slots: two of every type, the extras, one without a type; then the flags
        List<Slot> slots = new ArrayList<>();
        for (String t : TYPES) {
            int n = 2 + EXTRA_PER_HALF.getOrDefault(t, 0);
            for (int i = 0; i < n; i++) {
                slots.add(new Slot(t, ""));
            }
        }
        for (Slot flagged : halfB ? B_FLAGS : A_FLAGS) {
            int i = slots.indexOf(new Slot(flagged.type(), ""));
            slots.set(i, flagged);
        }
        slots.add(new Slot(null, ""));
        if (slots.size() != PER_HALF) {
            throw new IllegalStateException("slots " + slots.size());
        }
        Collections.shuffle(slots, r);

        // formats and layouts
        List<Object[]> formats = new ArrayList<>();
        addFormat(formats, Format.PDF, Layout.FORM, 15, false);
        addFormat(formats, Format.DOCX, Layout.TABLE, 4, false);
        addFormat(formats, Format.DOCX, Layout.LINES, 3, false);
        addFormat(formats, Format.DOCX, Layout.LINES, 1, true);
        addFormat(formats, Format.DOCX, Layout.PROSE, 4, false);
        addFormat(formats, Format.ODT, Layout.TABLE, 2, false);
        addFormat(formats, Format.ODT, Layout.LINES, 2, false);
        addFormat(formats, Format.ODT, Layout.PROSE, 2, false);
        addFormat(formats, Format.RTF, Layout.LINES, 3, false);
        addFormat(formats, Format.RTF, Layout.TABLE, 1, false);
        addFormat(formats, Format.RTF, Layout.PROSE, 2, false);
        addFormat(formats, Format.HTML, Layout.TABLE, 1, false);
        addFormat(formats, Format.HTML, Layout.TABLE, 1, true);
        addFormat(formats, Format.HTML, Layout.LINES, 2, false);
        addFormat(formats, Format.HTML, Layout.PROSE, 2, false);
        addFormat(formats, Format.TXT, Layout.LINES, 5, true);
        addFormat(formats, Format.TXT, Layout.LINES, 5, false);
        addFormat(formats, Format.TXT, Layout.PROSE, 3, false);
        addFormat(formats, Format.TXT, Layout.STACKED, 2, false);
        if (formats.size() != PER_HALF) {
            throw new IllegalStateException("formats " + formats.size());
        }
        Collections.shuffle(formats, r);

        // councils: every council once, then more at random
        List<Council> councils = new ArrayList<>(COUNCILS);
        Collections.shuffle(councils, r);
        while (councils.size() < PER_HALF) {
            councils.add(COUNCILS.get(r.nextInt(COUNCILS.size())));
        }
        Collections.shuffle(councils, r);

        // the deliberately incomplete documents: never a flagged one
        Missing[] missing = new Missing[PER_HALF];
        Arrays.fill(missing, Missing.NONE);
        List<Integer> free = new ArrayList<>();
        for (int i = 0; i < PER_HALF; i++) {
            if (slots.get(i).type() == null) {
                missing[i] = Missing.INCIDENT_TYPE;
            } else if (slots.get(i).flag().isEmpty()) {
                free.add(i);
            }
        }
        Collections.shuffle(free, r);
        int next = 0;
        for (Missing m : halfB ? B_MISSING : A_MISSING) {
            if (m != Missing.INCIDENT_TYPE) {
                missing[free.get(next++)] = m;
            }
        }

        Deck<DateStyle> dateStyles = new Deck<>(r, halfB
                ? concat(DateStyle.B_ONLY, DateStyle.B_ONLY, DateStyle.A)
                : DateStyle.A);
        Deck<TypeMode> typeModes = new Deck<>(r, l(TypeMode.CODE, TypeMode.CODE, TypeMode.WORDS, TypeMode.WORDS,
                TypeMode.WORDS, TypeMode.WORDS, TypeMode.WORDS, TypeMode.DESCRIPTION, TypeMode.DESCRIPTION));
        Deck<String> orders = new Deck<>(r, ORDERS);
        Map<String, Integer> used = new LinkedHashMap<>();

        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < PER_HALF; i++) {
            Doc d = new Doc();
            d.half = half;
            d.number = half.firstNumber + i;
            d.format = (Format) formats.get(i)[0];
            d.layout = (Layout) formats.get(i)[1];
            d.keyLabels = (Boolean) formats.get(i)[2];
            d.missing = missing[i];
            d.placeholder = r.nextInt(2) == 0;
            Slot slot = slots.get(i);
            fill(d, slot, councils.get(i), r, halfB, dateStyles, typeModes, orders, used);
            docs.add(d);
        }
        return docs;
    }

    private static void addFormat(List<Object[]> list, Format f, Layout layout, int n, boolean keys) {
        for (int i = 0; i < n; i++) {
            list.add(new Object[] { f, layout, keys });
        }
    }

    /** Everything about one document, true values first, then the words it is written in. */
    private static void fill(Doc d, Slot slot, Council council, Random r, boolean halfB, Deck<DateStyle> dateStyles,
            Deck<TypeMode> typeModes, Deck<String> orders, Map<String, Integer> used) {
        d.council = council;
        d.councilText = halfB && r.nextInt(10) < 6 ? pick(r, council.bSpellings()) : pick(r, council.spellings());
        d.domestic = slot.flag().equals("D");
        d.historical = slot.flag().equals("H");
        d.male = d.domestic || r.nextInt(5) != 0 || "SEXUAL_OFFENCE".equals(slot.type());
        d.initials = initials(r, halfB);

        // people
        boolean notifierMale = r.nextBoolean();
        String nFirst = pick(r, notifierMale ? FIRST_MALE : FIRST_FEMALE);
        String nLast = pick(r, SURNAMES);
        d.notifierName = nFirst + " " + nLast;
        d.notifierRole = pick(r, NOTIFIER_ROLES);
        d.notifierEmail = (nFirst + "." + nLast).toLowerCase(Locale.ROOT) + "@" + council.domain();
        d.notifierPhone = phone(council, r);
        String sFirst;
        String sLast;
        do {
            sFirst = pick(r, r.nextBoolean() ? FIRST_MALE : FIRST_FEMALE);
            sLast = pick(r, SURNAMES);
        } while (sLast.equals(nLast));
        d.signoffName = sFirst + " " + sLast;
        d.signoffRole = pick(r, SIGNOFF_ROLES);
        int senderStyle = r.nextInt(10);
        if (senderStyle < 5) {
            d.sender = d.notifierEmail;
        } else if (senderStyle < 9) {
            d.sender = pick(r, l("cjsw", "justice.socialwork", "jsw.notifications", "criminaljustice", "sir.notifications"))
                    + "@" + council.domain();
        } else {
            d.sender = "cjsw.duty@" + pick(r, l("socialwork", "hscp", "sw")) + "." + council.domain();
        }

        // the incident
        Desc desc = null;
        if (slot.type() != null) {
            List<Desc> pool = DESCS.stream()
                    .filter(x -> x.type().equals(slot.type()) && x.halfB() == halfB && x.flag().equals(slot.flag()))
                    .toList();
            if (pool.isEmpty()) {
                throw new IllegalStateException("no description for " + slot);
            }
            String key = slot.type() + "/" + slot.flag();
            int k = used.merge(key, 1, Integer::sum) - 1;
            desc = pool.get(k % pool.size());
            d.type = slot.type();
            d.category = desc.category();
            d.typeOther = desc.other();
            d.typeMode = typeMode(slot.type(), used.merge(slot.type(), 1, Integer::sum) - 1, halfB, typeModes);
            if (d.typeMode == TypeMode.DESCRIPTION && !desc.explicit()) {
                d.typeMode = TypeMode.WORDS;
            }
            d.typeText = switch (d.typeMode) {
                case CODE -> halfB && r.nextInt(4) == 0 ? d.type.toLowerCase(Locale.ROOT) : d.type;
                case WORDS -> pronouns(pick(r, desc.words()), d);
                case DESCRIPTION -> null;
            };
            d.typeSeeDescription = d.typeMode == TypeMode.DESCRIPTION && r.nextInt(3) == 0;
        } else {
            d.type = null;
            d.category = 1;
            d.typeMode = TypeMode.DESCRIPTION;
        }
        d.categoryText = categoryText(d.category, r, halfB, d.keyLabels);

        // dates
        if (d.historical) {
            d.incidentDate = LocalDate.of(2004 + r.nextInt(9), 1 + r.nextInt(12), 1 + r.nextInt(28));
            d.awareDate = LocalDate.of(2025, 11, 1).plusDays(r.nextInt(150));
        } else {
            d.incidentDate = LocalDate.of(2025, 9, 1).plusDays(r.nextInt(440));
            d.awareDate = d.incidentDate.plusDays(r.nextInt(10) < 6 ? r.nextInt(2) : r.nextInt(5));
        }
        d.dob = d.awareDate.minusYears(19 + r.nextInt(45)).minusDays(r.nextInt(365));
        d.lastSeen = d.awareDate.minusDays(4 + r.nextInt(18));
        d.lscmiDate = d.awareDate.minusDays(40 + r.nextInt(300));
        d.dateStyle = d.format == Format.PDF && r.nextInt(3) != 0 ? DateStyle.DD_MM_YYYY : dateStyles.next();
        d.otherDateStyle = r.nextBoolean() ? d.dateStyle : dateStyles.next();

        // order and MAPPA
        d.order = orders.next();
        boolean orderCode = d.keyLabels ? r.nextInt(3) != 0 : r.nextInt(4) == 0 && d.layout != Layout.PROSE;
        if (orderCode) {
            d.orderText = d.order;
        } else {
            List<String> words = halfB && r.nextInt(10) < 6 ? ORDER_WORDS_B.get(d.order) : ORDER_WORDS.get(d.order);
            d.orderText = pick(r, words);
        }
        boolean sexual = d.type != null && (d.type.equals("SEXUAL_OFFENCE") || d.type.equals("INDECENT_IMAGES"));
        boolean longSentence = d.order.equals("OLR") || d.order.equals("EXTENDED");
        d.mappa = sexual || longSentence || r.nextInt(4) == 0;
        if (d.mappa) {
            int shown = r.nextInt(10);
            if (shown < 7) {
                d.mappaCategory = sexual ? 1 : (r.nextInt(8) == 0 ? 2 : 3);
                d.mappaLevel = 1 + r.nextInt(d.mappaCategory == 1 ? 2 : 3);
            } else if (shown < 9) {
                d.mappaCategory = sexual ? 1 : 3;
            }
            d.sog = r.nextInt(3) == 0 ? null : r.nextInt(4) != 0;
        }
        d.mappaCombined = d.mappaCategory != null && r.nextInt(2) == 0;
        d.mappaText = mappaText(d, r, halfB);

        // the person
        d.genderText = d.keyLabels ? (d.male ? "male" : "female")
                : pick(r, d.male ? l("Male", "M", "male") : l("Female", "F", "female"));
        d.offenderRef = offenderRef(council, r, halfB);

        // description
        String main = desc != null ? desc.text() : (halfB ? VAGUE_B : VAGUE_A);
        d.description.add(pronouns(main, d));
        boolean extraParagraph = r.nextInt(3) == 0;
        List<String> extras = new ArrayList<>();
        if (d.missing != Missing.INCIDENT_DATE && !d.historical && r.nextInt(3) == 0) {
            extras.add((halfB ? "The last supervision contact with {I} took place on " : "{I} was last seen by {his} supervising officer on ")
                    + date(d.lastSeen, d.otherDateStyle) + ".");
        }
        if (d.type != null && TYPE_DEATHS.contains(d.type) && r.nextBoolean()) {
            extras.add(halfB ? "Family members have been informed by police." : "Police Scotland have informed {his} family.");
        } else if (d.type != null && d.category != 3 && r.nextInt(3) == 0) {
            extras.add(halfB ? "{I} has been remanded in custody and the order is suspended pending the outcome."
                    : "A breach report will follow if required.");
        }
        if (!extras.isEmpty()) {
            String extra = pronouns(String.join(" ", extras), d);
            if (extraParagraph) {
                d.description.add(extra);
            } else {
                d.description.set(0, d.description.get(0) + " " + extra);
            }
        }

        // optional details
        d.agencies = r.nextInt(3) == 0 ? null : String.join(", ", pickSome(r, AGENCIES, 1 + r.nextInt(3)));
        d.indexOffence = r.nextInt(5) == 0 ? pick(r, INDEX_OFFENCES) : null;
        d.lscmi = r.nextInt(3) == 0 ? null : r.nextInt(5) != 0;
        d.rmp = r.nextInt(3) == 0 ? null : r.nextInt(5) != 0;
        d.incidentFirst = r.nextInt(10) < 3;
        d.separator = d.keyLabels ? ":" : halfB ? pick(r, l(":", ":", ":", " -", ":\t")) : pick(r, l(":", ":", ":", ":\t"));
        d.wrap = r.nextBoolean();
        d.splitRuns = r.nextInt(3) == 0;
        d.forwarded = d.format == Format.TXT && d.layout != Layout.PROSE && r.nextInt(6) == 0
                && !d.sender.equals(d.notifierEmail);
        d.title = pick(r, halfB && r.nextBoolean() ? B_TITLES : A_TITLES);
        d.officialMarking = r.nextInt(4) == 0;
    }

    /**
     * How the type is given: across the two halves every type is given in words, as its code and (where the
     * description alone says it) only through the description; further documents of a type draw at random.
     */
    static TypeMode typeMode(String type, int occurrence, boolean halfB, Deck<TypeMode> deck) {
        boolean even = TYPES.indexOf(type) % 2 == 0;
        TypeMode first = even ? TypeMode.CODE : TypeMode.DESCRIPTION;
        TypeMode second = even ? TypeMode.DESCRIPTION : TypeMode.CODE;
        if (occurrence == 0) {
            return halfB ? second : TypeMode.WORDS;
        }
        if (occurrence == 1) {
            return halfB ? TypeMode.WORDS : first;
        }
        return deck.next();
    }

    static String categoryText(int c, Random r, boolean halfB, boolean keys) {
        if (keys) {
            return String.valueOf(c);
        }
        String meaning = switch (c) {
            case 1 -> "charged with an offence resulting in serious harm";
            case 2 -> "concerns about service involvement";
            default -> "death or serious injury of offender";
        };
        String word = switch (c) {
            case 1 -> "One";
            case 2 -> "Two";
            default -> "Three";
        };
        List<String> dev = l(String.valueOf(c), String.valueOf(c), "Category " + c, "Cat " + c, c + " - " + meaning);
        List<String> held = l("Category " + word, "(" + c + ")", word, "Cat. " + c + " (" + meaning + ")");
        return pick(r, halfB && r.nextBoolean() ? held : dev);
    }

    static String mappaText(Doc d, Random r, boolean halfB) {
        if (!d.mappa) {
            List<String> dev = l("No", "N", "no", "No");
            List<String> held = l("Not a MAPPA case", "No - not MAPPA eligible", "Not applicable", "no");
            return d.keyLabels ? "no" : pick(r, halfB && r.nextBoolean() ? held : dev);
        }
        if (d.mappaCombined) {
            List<String> dev = l("Yes, category " + d.mappaCategory + ", level " + d.mappaLevel,
                    "Y - Cat " + d.mappaCategory + " / Level " + d.mappaLevel,
                    "Yes (category " + d.mappaCategory + ", level " + d.mappaLevel + ")");
            List<String> held = l("Yes – Cat. " + d.mappaCategory + ", managed at Level " + d.mappaLevel,
                    "MAPPA Cat " + d.mappaCategory + " Level " + d.mappaLevel,
                    "Yes: category " + d.mappaCategory + " offender, level " + d.mappaLevel + " management");
            if (d.mappaLevel == null) {
                return halfB ? "Yes – Cat. " + d.mappaCategory : "Yes, category " + d.mappaCategory;
            }
            return pick(r, halfB && r.nextBoolean() ? held : dev);
        }
        List<String> dev = l("Yes", "Y", "yes", "Yes");
        List<String> held = l("Yes - MAPPA eligible", "Managed under MAPPA", "yes");
        return d.keyLabels ? "yes" : pick(r, halfB && r.nextBoolean() ? held : dev);
    }

    static String offenderRef(Council c, Random r, boolean halfB) {
        int style = r.nextInt(halfB ? 7 : 5);
        return switch (style) {
            case 0 -> String.format(Locale.ROOT, "CJ/%d/%04d", 2024 + r.nextInt(3), r.nextInt(10000));
            case 1 -> String.format(Locale.ROOT, "JSW-%05d", r.nextInt(100000));
            case 2 -> String.format(Locale.ROOT, "SW %07d", r.nextInt(10_000_000));
            case 3 -> String.format(Locale.ROOT, "CJSW/%02d/%04d", 22 + r.nextInt(5), r.nextInt(10000));
            case 4 -> String.format(Locale.ROOT, "%s-%06d", c.domain().substring(0, 3).toUpperCase(Locale.ROOT),
                    r.nextInt(1_000_000));
            case 5 -> String.format(Locale.ROOT, "Mosaic ID %06d", r.nextInt(1_000_000));
            default -> String.format(Locale.ROOT, "CareFirst %07d", r.nextInt(10_000_000));
        };
    }

    static String initials(Random r, boolean halfB) {
        String letters = "ABCDEFGHJKLMNPRSTW";
        char a = letters.charAt(r.nextInt(letters.length()));
        char b = letters.charAt(r.nextInt(letters.length()));
        int style = r.nextInt(halfB ? 4 : 3);
        return switch (style) {
            case 0 -> a + "." + b + ".";
            case 1 -> "" + a + b;
            case 2 -> a + "." + b;
            default -> a + ".Mc" + b + ".";
        };
    }

    static String phone(Council c, Random r) {
        int n = r.nextInt(1000);
        if (r.nextInt(5) == 0) {
            return String.format(Locale.ROOT, "07700 900%03d", n);
        }
        if (c.name().equals("City of Edinburgh") || c.name().endsWith("Lothian")) {
            return String.format(Locale.ROOT, "0131 496 0%03d", n);
        }
        if (c.name().equals("Glasgow City") || c.name().endsWith("Lanarkshire") || c.name().endsWith("Dunbartonshire")
                || c.name().endsWith("Renfrewshire") || c.name().equals("Inverclyde")) {
            return String.format(Locale.ROOT, "0141 496 0%03d", n);
        }
        return String.format(Locale.ROOT, "01632 960%03d", n);
    }

    static String pronouns(String text, Doc d) {
        String initials = d.initials;
        String withTitle = d.male ? "Mr " + initials : "Ms " + initials;
        String s = text;
        s = s.replace("{I}'s", initials + "'s");
        s = s.replace("{I}", initials.length() > 0 && d.number % 3 == 0 ? withTitle : initials);
        s = s.replace("{He}", d.male ? "He" : "She").replace("{he}", d.male ? "he" : "she");
        s = s.replace("{His}", d.male ? "His" : "Her").replace("{his}", d.male ? "his" : "her");
        s = s.replace("{him}", d.male ? "him" : "her").replace("{self}", d.male ? "himself" : "herself");
        if (d.incidentDate != null) {
            s = s.replace("{histWhen}", "in " + d.incidentDate.getMonth().getDisplayName(TextStyle.FULL, Locale.UK) + " "
                    + d.incidentDate.getYear());
            s = s.replace("{histYear}", String.valueOf(d.incidentDate.getYear()));
            s = s.replace("{histYear2}", String.valueOf(d.incidentDate.getYear() + 2));
        }
        return s.replace("..", ".");
    }

    // ------------------------------------------------------------------------------------------------
    // Dates
    // ------------------------------------------------------------------------------------------------

    static final String[] MON = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };

    static String date(LocalDate d, DateStyle s) {
        int day = d.getDayOfMonth();
        int month = d.getMonthValue();
        int year = d.getYear();
        String monthName = d.getMonth().getDisplayName(TextStyle.FULL, Locale.UK);
        String weekday = d.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.UK);
        return switch (s) {
            case D_M_YYYY -> day + "/" + month + "/" + year;
            case DD_MM_YYYY -> String.format(Locale.ROOT, "%02d/%02d/%d", day, month, year);
            case DD_MON_YYYY -> String.format(Locale.ROOT, "%02d-%s-%d", day, MON[month - 1], year);
            case ORDINAL -> day + ordinal(day) + " " + monthName + " " + year;
            case WEEKDAY -> weekday + " " + day + " " + monthName + " " + year;
            case DOT_YY -> String.format(Locale.ROOT, "%02d.%02d.%02d", day, month, year % 100);
            case ISO -> d.toString();
            case D_MON_YYYY -> day + " " + MON[month - 1] + " " + year;
            case DOT_YYYY -> String.format(Locale.ROOT, "%02d.%02d.%d", day, month, year);
            case ORDINAL_OF -> day + ordinal(day) + " of " + monthName + " " + year;
            case DASH_NUM -> String.format(Locale.ROOT, "%02d-%02d-%d", day, month, year);
            case D_MONTH_YYYY -> day + " " + monthName + " " + year;
            case SHORT_WEEKDAY -> weekday.substring(0, 3) + " " + day + ordinal(day) + " " + MON[month - 1] + " " + year;
        };
    }

    static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }

    // ------------------------------------------------------------------------------------------------
    // From a document to its entries (label and value) and blocks (headings, paragraphs, tables)
    // ------------------------------------------------------------------------------------------------

    static List<Entry> entries(Doc d) {
        Random r = new Random(SEED ^ (d.number * 1_000_003L));
        boolean halfB = d.half == Half.B;
        Map<String, String> v = new LinkedHashMap<>();
        v.put("local_authority", d.councilText);
        v.put("notifier_name", d.notifierName);
        if (r.nextInt(4) != 0) {
            v.put("notifier_role", d.notifierRole);
        }
        v.put("notifier_email", d.notifierEmail);
        if (r.nextBoolean()) {
            v.put("notifier_phone", d.notifierPhone);
        }
        if (d.missing != Missing.OFFENDER_REF) {
            v.put("offender_ref", d.offenderRef);
        } else if (d.placeholder) {
            v.put("offender_ref", halfB ? "to follow" : "TBC");
        }
        if (r.nextInt(5) != 0) {
            v.put("offender_initials", d.initials);
        }
        if (r.nextInt(3) != 0) {
            boolean weekday = d.otherDateStyle == DateStyle.WEEKDAY || d.otherDateStyle == DateStyle.SHORT_WEEKDAY;
            v.put("offender_dob", date(d.dob, weekday ? DateStyle.DD_MM_YYYY : d.otherDateStyle));
        }
        if (r.nextBoolean()) {
            v.put("offender_gender", d.genderText);
        }
        if (d.missing != Missing.ORDER_TYPE) {
            v.put("order_type", d.orderText);
        } else if (d.placeholder) {
            v.put("order_type", "");
        }
        if (d.indexOffence != null && d.format != Format.PDF) {
            v.put("index_offence", d.indexOffence);
        }
        if (d.missing == Missing.MAPPA) {
            if (d.placeholder) {
                v.put("mappa", halfB ? "to be confirmed" : "Unknown - checking with police");
            }
        } else {
            v.put("mappa", d.mappaText);
            if (!d.mappaCombined && d.mappaCategory != null) {
                v.put("mappa_category", String.valueOf(d.mappaCategory));
            }
            if (!d.mappaCombined && d.mappaLevel != null) {
                v.put("mappa_level", String.valueOf(d.mappaLevel));
            }
            if (d.sog != null) {
                v.put("sog_notified", yesNo(d.sog, d.keyLabels, r));
            }
        }
        if (d.lscmi != null) {
            v.put("lscmi_completed", yesNo(d.lscmi, d.keyLabels, r));
            if (d.lscmi && r.nextBoolean()) {
                v.put("lscmi_date", date(d.lscmiDate, d.otherDateStyle));
            }
        }
        if (d.rmp != null) {
            v.put("rmp_in_place", yesNo(d.rmp, d.keyLabels, r));
        }
        if (d.missing != Missing.INCIDENT_DATE) {
            v.put("incident_date", date(d.incidentDate, d.dateStyle));
        } else if (d.placeholder) {
            v.put("incident_date", halfB ? "Not known at present" : "TBC");
        }
        if (r.nextInt(3) != 0 || d.historical) {
            v.put("aware_date", date(d.awareDate, d.otherDateStyle));
        }
        v.put("incident_category", d.categoryText);
        if (d.type == null) {
            if (d.placeholder) {
                v.put("incident_type", halfB ? "awaiting details" : "TBC");
            }
        } else if (d.typeMode != TypeMode.DESCRIPTION) {
            v.put("incident_type", d.typeText);
            if (d.typeOther != null) {
                v.put("incident_type_other", d.typeOther);
            }
        } else if (d.typeSeeDescription) {
            v.put("incident_type", halfB ? "as described below" : "See description");
        }
        String description = String.join("\n\n", d.description);
        if (d.indexOffence != null && d.format == Format.PDF) {
            description = description + "\n\nIndex offence: " + d.indexOffence + ".";
        }
        v.put("description", description);
        if (d.agencies != null) {
            v.put("agencies_involved", d.agencies);
        }
        if (d.missing != Missing.SIGNOFF) {
            v.put("signoff_name", d.signoffName);
            v.put("signoff_role", d.signoffRole);
        } else if (d.placeholder) {
            v.put("signoff_name", halfB ? "pending" : "Awaiting sign-off");
        }

        List<String> order = new ArrayList<>(KEY_ORDER);
        if (d.incidentFirst) {
            List<String> first = new ArrayList<>(INCIDENT_KEYS);
            first.remove("description");
            order.removeAll(first);
            order.addAll(1, first);
        }
        List<Entry> out = new ArrayList<>();
        for (String key : order) {
            if (v.containsKey(key)) {
                out.add(new Entry(key, label(key, d, r), v.get(key)));
            }
        }
        return out;
    }

    static String yesNo(boolean value, boolean keys, Random r) {
        if (keys) {
            return value ? "yes" : "no";
        }
        return pick(r, value ? l("Yes", "Y", "yes") : l("No", "N", "no"));
    }

    static String label(String key, Doc d, Random r) {
        if (d.keyLabels) {
            return key;
        }
        List<String> labels = d.half == Half.B && r.nextInt(10) < 6 ? LABELS_B.get(key) : LABELS.get(key);
        return pick(r, labels);
    }

    sealed interface Block permits Heading, Para, Table {
    }

    record Heading(String text) implements Block {
    }

    /** A paragraph; {@code label} (may be null) is shown in bold before the text. */
    record Para(String label, String text) implements Block {
    }

    record Table(List<Entry> rows) implements Block {
    }

    static List<Block> blocks(Doc d) {
        List<Entry> entries = entries(d);
        Random r = new Random(SEED ^ (d.number * 7_777_777L));
        boolean halfB = d.half == Half.B;
        List<Block> out = new ArrayList<>();
        if (d.officialMarking) {
            out.add(new Para(null, "OFFICIAL-SENSITIVE"));
        }
        if (d.layout == Layout.PROSE) {
            prose(d, entries, out, r, halfB);
            return out;
        }
        out.add(new Heading(d.title));
        if (r.nextBoolean()) {
            out.add(new Para(null, halfB ? "To: Care Inspectorate (serious incident notifications)"
                    : "To be completed by the local authority and sent to the Care Inspectorate within five working days."));
        }
        if (d.layout == Layout.TABLE) {
            out.add(new Table(entries));
        } else {
            for (Entry e : entries) {
                String[] paras = e.value().split("\n\n");
                boolean labelAbove = e.key().equals("description") && r.nextBoolean();
                if (labelAbove) {
                    out.add(new Para(e.label() + sep(d), ""));
                    for (String p : paras) {
                        out.add(new Para(null, p));
                    }
                } else {
                    out.add(new Para(e.label() + sep(d), paras[0]));
                    for (int i = 1; i < paras.length; i++) {
                        out.add(new Para(null, paras[i]));
                    }
                }
            }
        }
        if (r.nextBoolean()) {
            out.add(new Para(null, halfB ? "Please acknowledge receipt." : "Thank you."));
        }
        return out;
    }

    static String sep(Doc d) {
        return d.separator;
    }

    static void prose(Doc d, List<Entry> entries, List<Block> out, Random r, boolean halfB) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Entry e : entries) {
            v.put(e.key(), e.value());
        }
        String who = v.getOrDefault("offender_initials", d.initials);
        out.add(new Para(null, "Criminal Justice Social Work, " + d.councilText));
        out.add(new Para(null, pick(r, halfB ? l("Hello,", "Good afternoon,", "To the SIR team,")
                : l("Dear Colleague,", "Dear Sir/Madam,", "To the Care Inspectorate SIR mailbox,"))));
        StringBuilder intro = new StringBuilder();
        intro.append(halfB ? "Please accept this as our notification of a serious incident involving a person we supervise"
                : "I am writing on behalf of " + d.councilText
                        + " to notify you of a serious incident involving a person subject to statutory supervision");
        List<String> ids = new ArrayList<>();
        if (v.containsKey("offender_ref")) {
            ids.add((halfB ? "case number " : "our reference ") + v.get("offender_ref"));
        }
        ids.add("initials " + who);
        if (v.containsKey("offender_dob")) {
            ids.add("date of birth " + v.get("offender_dob"));
        }
        intro.append(" (").append(String.join("; ", ids)).append(").");
        if (v.containsKey("order_type") && !v.get("order_type").isEmpty()) {
            intro.append(" ").append(halfB ? "The current order is: " + stop(v.get("order_type"))
                    : who + " is supervised on " + stop(article(v.get("order_type"))));
        }
        out.add(new Para(null, intro.toString()));
        if (d.missing == Missing.INCIDENT_DATE) {
            out.add(new Para(null, halfB ? "We do not yet know when the incident took place." : "The date of the incident is not yet known."));
        } else if (v.containsKey("incident_date")) {
            String when = v.get("incident_date");
            String aware = v.get("aware_date");
            String s;
            if (halfB && aware != null) {
                s = "We were made aware on " + aware + " of an incident that took place on " + when + ".";
            } else if (aware != null) {
                s = "The incident happened on " + when + " and we became aware of it on " + aware + ".";
            } else {
                s = halfB ? "This took place on " + when + "." : "The incident occurred on " + when + ".";
            }
            out.add(new Para(null, s));
        }
        if (v.containsKey("incident_type") && d.type != null && d.typeMode != TypeMode.DESCRIPTION) {
            String t = v.get("incident_type");
            String s = halfB ? "For your records, the incident type is " + stop(t) : "We are notifying this as: " + stop(t);
            if (v.containsKey("incident_type_other")) {
                s = s + " " + (halfB ? "Details: " : "Specifically: ") + stop(v.get("incident_type_other"));
            }
            out.add(new Para(null, s));
        }
        for (String p : v.get("description").split("\n\n")) {
            out.add(new Para(null, p));
        }
        if (v.containsKey("index_offence")) {
            out.add(new Para(null, "For context, the index offence was " + lowerFirst(v.get("index_offence")) + "."));
        }
        String[] words = { "", "one", "two", "three" };
        out.add(new Para(null, halfB ? "In our view this falls under category " + (r.nextBoolean() ? words[d.category] : d.category)
                + " of the guidance." : "We consider that this meets category " + d.category
                + " of the serious incident review criteria."));
        if (d.missing != Missing.MAPPA) {
            String pron = d.male ? "He" : "She";
            String s;
            if (!d.mappa) {
                s = halfB ? pick(r, l("This is not a MAPPA case.", "MAPPA does not apply."))
                        : pron + " is not subject to MAPPA.";
            } else if (d.mappaCategory != null && d.mappaLevel != null) {
                s = halfB ? pron + " is a MAPPA category " + d.mappaCategory + " offender managed at level " + d.mappaLevel + "."
                        : pron + " is managed under MAPPA (category " + d.mappaCategory + ", level " + d.mappaLevel + ").";
            } else if (d.mappaCategory != null) {
                s = pron + " is subject to MAPPA as a category " + d.mappaCategory + " offender.";
            } else {
                s = pron + " is subject to MAPPA.";
            }
            if (d.mappa && d.sog != null) {
                s = s + (d.sog ? " The SOG has been notified." : " The SOG has not yet been notified.");
            }
            out.add(new Para(null, s));
        }
        if (v.containsKey("agencies_involved")) {
            out.add(new Para(null, (halfB ? "Partner agencies involved: " : "Other agencies involved are ")
                    + v.get("agencies_involved") + "."));
        }
        if (d.missing != Missing.SIGNOFF) {
            out.add(new Para(null, halfB ? "Approved for submission by " + d.signoffName + " (" + d.signoffRole + ")."
                    : "This notification has been signed off by " + d.signoffName + ", " + d.signoffRole + "."));
        } else if (d.placeholder) {
            out.add(new Para(null, "Sign-off by the service manager will follow."));
        }
        out.add(new Para(null, halfB ? "Best wishes," : "Kind regards,"));
        out.add(new Para(null, d.notifierName + "\n" + d.notifierRole + "\nJustice Social Work, " + d.councilText
                + "\nTel: " + d.notifierPhone + "\nEmail: " + d.notifierEmail));
    }

    static String article(String order) {
        String first = order.substring(0, 1);
        boolean abbreviation = order.length() > 1 && Character.isUpperCase(order.charAt(1));
        boolean an = "AEIOU".contains(first.toUpperCase(Locale.ROOT))
                || (abbreviation && "FHLMNRSX".contains(first));
        if (order.toLowerCase(Locale.ROOT).startsWith("other") || order.toLowerCase(Locale.ROOT).startsWith("on ")) {
            return "the following order - " + order;
        }
        return (an ? "an " : "a ") + order;
    }

    /** The sentence ended with a full stop, unless it already ends with one (as "C.P.O." does). */
    static String stop(String s) {
        return s.endsWith(".") ? s : s + ".";
    }

    static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    // ------------------------------------------------------------------------------------------------
    // Rendering
    // ------------------------------------------------------------------------------------------------

    static byte[] render(Doc d) {
        try {
            return switch (d.format) {
                case PDF -> pdf(d);
                case DOCX -> docx(d.splitRuns, blocks(d));
                case ODT -> odt(blocks(d));
                case RTF -> rtf(blocks(d)).getBytes(StandardCharsets.US_ASCII);
                case HTML -> html(d.title, d.half == Half.B && d.number % 2 == 0, blocks(d)).getBytes(StandardCharsets.UTF_8);
                case TXT -> txt(d).getBytes(StandardCharsets.UTF_8);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- plain text (a mail body) ----

    static String txt(Doc d) {
        Random r = new Random(SEED ^ (d.number * 31L));
        boolean halfB = d.half == Half.B;
        StringBuilder s = new StringBuilder();
        if (d.forwarded) {
            s.append("Hi,\n\nForwarding the notification below as requested.\n\n");
            s.append("-----Original Message-----\n");
            s.append("From: ").append(d.notifierName).append(" <").append(d.notifierEmail).append(">\n");
            s.append("Sent: ").append(date(d.awareDate.plusDays(1), DateStyle.WEEKDAY)).append(" 10:14\n");
            s.append("To: ").append(d.sender).append("\n");
            s.append("Subject: SIR notification\n\n");
        }
        if (d.layout == Layout.PROSE) {
            for (Block b : blocks(d)) {
                Para p = (Para) b;
                s.append(d.wrap ? wrap(p.text(), 72) : p.text()).append("\n\n");
            }
            return s.toString();
        }
        s.append(pick(r, halfB ? l("Hello,", "Hi all,", "Good morning,") : l("Hello,", "Dear colleagues,", "Hi,")))
                .append("\n\n");
        s.append(halfB ? "Our notification of a serious incident is below.\n\n"
                : "Please see below our notification of a serious incident.\n\n");
        if (d.keyLabels && r.nextBoolean()) {
            s.append("---\n");
        }
        List<Entry> entries = entries(d);
        for (Entry e : entries) {
            String[] paras = e.value().split("\n\n");
            if (d.layout == Layout.STACKED) {
                s.append(e.label()).append("\n");
                for (int i = 0; i < paras.length; i++) {
                    s.append(d.wrap ? wrap(paras[i], 72) : paras[i]).append("\n");
                    if (i + 1 < paras.length) {
                        s.append("\n");
                    }
                }
                s.append("\n");
                continue;
            }
            String sep = d.keyLabels ? ":" : d.separator;
            if (e.key().equals("description") && !d.keyLabels && r.nextBoolean()) {
                s.append(e.label()).append(sep).append("\n");
                s.append(d.wrap ? wrap(String.join("\n\n", paras), 72) : String.join("\n\n", paras)).append("\n");
            } else {
                String line = e.label() + sep + (sep.endsWith("\t") ? "" : " ") + paras[0];
                s.append(d.wrap ? wrap(line, 72) : line).append("\n");
                for (int i = 1; i < paras.length; i++) {
                    s.append("\n").append(d.wrap ? wrap(paras[i], 72) : paras[i]).append("\n");
                }
            }
        }
        s.append("\n").append(halfB ? "Best wishes" : "Thanks").append("\n").append(d.notifierName.split(" ")[0]).append("\n\n");
        s.append("-- \n").append(d.notifierName).append("\n").append(d.notifierRole).append("\n")
                .append("Justice Social Work Services, ").append(d.councilText).append("\n")
                .append("Tel: ").append(d.notifierPhone).append("\n");
        if (r.nextBoolean()) {
            s.append("This email and any attachments are confidential and intended solely for the addressee.\n");
        }
        return s.toString();
    }

    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        for (String para : text.split("\n", -1)) {
            if (out.length() > 0) {
                out.append("\n");
            }
            int col = 0;
            for (String word : para.split(" ")) {
                if (col > 0 && col + 1 + word.length() > width) {
                    out.append("\n");
                    col = 0;
                } else if (col > 0) {
                    out.append(" ");
                    col++;
                }
                out.append(word);
                col += word.length();
            }
        }
        return out.toString();
    }

    // ---- HTML (a mail body) ----

    /** An HTML mail body; {@code outlook} writes paragraphs as Outlook does. */
    static String html(String title, boolean outlook, List<Block> blocks) {
        String pOpen = outlook ? "<p class=\"MsoNormal\">" : "<p>";
        StringBuilder s = new StringBuilder();
        s.append("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(esc(title)).append("</title>\n</head>\n<body>\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                s.append("<h2>").append(esc(h.text())).append("</h2>\n");
            } else if (b instanceof Para p) {
                s.append(pOpen);
                if (p.label() != null) {
                    s.append("<b>").append(esc(p.label())).append("</b>");
                    if (!p.text().isEmpty()) {
                        s.append(outlook ? "&nbsp;" : " ");
                    }
                }
                s.append(esc(p.text()).replace("\n", "<br>\n")).append("</p>\n");
            } else if (b instanceof Table t) {
                s.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n");
                for (Entry e : t.rows()) {
                    s.append("<tr><th align=\"left\" valign=\"top\">").append(esc(e.label())).append("</th><td>");
                    String[] paras = e.value().split("\n\n");
                    for (int i = 0; i < paras.length; i++) {
                        s.append(i > 0 ? "<br><br>" : "").append(esc(paras[i]));
                    }
                    s.append("</td></tr>\n");
                }
                s.append("</table>\n");
            }
        }
        s.append("</body>\n</html>\n");
        return s.toString();
    }

    static String esc(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---- RTF ----

    static String rtf(List<Block> blocks) {
        StringBuilder s = new StringBuilder();
        s.append("{\\rtf1\\ansi\\ansicpg1252\\deff0\n{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}\n")
                .append("\\viewkind4\\uc1\\pard\\f0\\fs22\n");
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                s.append("\\pard\\sa200{\\b\\fs28 ").append(rtfEsc(h.text())).append("}\\par\n");
            } else if (b instanceof Para p) {
                s.append("\\pard\\sa120 ");
                if (p.label() != null) {
                    s.append("{\\b ").append(rtfEsc(p.label().replace("\t", ""))).append("}");
                    s.append(p.label().endsWith("\t") ? "\\tab " : " ");
                }
                s.append(rtfEsc(p.text()).replace("\n", "\\line ")).append("\\par\n");
            } else if (b instanceof Table t) {
                for (Entry e : t.rows()) {
                    s.append("\\trowd\\trgaph108\\trleft0")
                            .append("\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx3200")
                            .append("\\clbrdrt\\brdrs\\clbrdrl\\brdrs\\clbrdrb\\brdrs\\clbrdrr\\brdrs\\cellx9300\n");
                    s.append("\\pard\\intbl{\\b ").append(rtfEsc(e.label())).append("}\\cell\n");
                    s.append("\\pard\\intbl ").append(rtfEsc(e.value()).replace("\n", "\\line ")).append("\\cell\\row\n");
                }
                s.append("\\pard\\par\n");
            }
        }
        s.append("}\n");
        return s.toString();
    }

    static String rtfEsc(String t) {
        StringBuilder s = new StringBuilder();
        for (char c : t.toCharArray()) {
            if (c == '\\' || c == '{' || c == '}') {
                s.append('\\').append(c);
            } else if (c == '\t') {
                s.append("\\tab ");
            } else if (c < 128) {
                s.append(c);
            } else {
                s.append("\\u").append((int) (short) c).append('?');
            }
        }
        return s.toString();
    }

    // ---- DOCX ----

    /** A Word document; {@code splitRuns} writes a bold label in two runs, as Word often does. */
    static byte[] docx(boolean splitRuns, List<Block> blocks) throws IOException {
        StringBuilder body = new StringBuilder();
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                body.append("<w:p><w:pPr><w:spacing w:after=\"200\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr>")
                        .append(wt(h.text())).append("</w:r></w:p>");
            } else if (b instanceof Para p) {
                body.append("<w:p>");
                if (p.label() != null) {
                    String label = p.label();
                    boolean tab = label.endsWith("\t");
                    label = label.replace("\t", "");
                    int cut = label.indexOf(' ');
                    if (splitRuns && cut > 0) {
                        body.append("<w:r><w:rPr><w:b/></w:rPr>").append(wt(label.substring(0, cut + 1))).append("</w:r>");
                        body.append("<w:r><w:rPr><w:b/></w:rPr>").append(wt(label.substring(cut + 1))).append("</w:r>");
                    } else {
                        body.append("<w:r><w:rPr><w:b/></w:rPr>").append(wt(label)).append("</w:r>");
                    }
                    if (!p.text().isEmpty()) {
                        body.append(tab ? "<w:r><w:tab/></w:r>" : "<w:r>" + wt(" ") + "</w:r>");
                    }
                }
                if (!p.text().isEmpty()) {
                    body.append("<w:r>").append(wt(p.text())).append("</w:r>");
                }
                body.append("</w:p>");
            } else if (b instanceof Table t) {
                body.append("<w:tbl><w:tblPr><w:tblW w:w=\"9000\" w:type=\"dxa\"/><w:tblBorders>")
                        .append("<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
                        .append("<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
                        .append("<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
                        .append("<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
                        .append("<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
                        .append("<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
                        .append("</w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"6000\"/></w:tblGrid>");
                for (Entry e : t.rows()) {
                    body.append("<w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr><w:p><w:r><w:rPr><w:b/></w:rPr>")
                            .append(wt(e.label())).append("</w:r></w:p></w:tc>");
                    body.append("<w:tc><w:tcPr><w:tcW w:w=\"6000\" w:type=\"dxa\"/></w:tcPr>");
                    for (String para : e.value().split("\n\n")) {
                        body.append("<w:p><w:r>").append(wt(para)).append("</w:r></w:p>");
                    }
                    body.append("</w:tc></w:tr>");
                }
                body.append("</w:tbl><w:p/>");
            }
        }
        return scot.sirgateway.support.TestDocx.docx(body.toString());
    }

    static String wt(String text) {
        return "<w:t xml:space=\"preserve\">" + xml(text).replace("\n", "</w:t><w:br/><w:t xml:space=\"preserve\">")
                + "</w:t>";
    }

    static String xml(String t) {
        return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // ---- ODT ----

    static byte[] odt(List<Block> blocks) throws IOException {
        StringBuilder body = new StringBuilder();
        int tables = 0;
        for (Block b : blocks) {
            if (b instanceof Heading h) {
                body.append("<text:h text:outline-level=\"1\">").append(odtText(h.text())).append("</text:h>");
            } else if (b instanceof Para p) {
                body.append("<text:p>");
                if (p.label() != null) {
                    boolean tab = p.label().endsWith("\t");
                    body.append("<text:span text:style-name=\"T1\">").append(odtText(p.label().replace("\t", "")))
                            .append("</text:span>");
                    if (!p.text().isEmpty()) {
                        body.append(tab ? "<text:tab/>" : " ");
                    }
                }
                body.append(odtText(p.text())).append("</text:p>");
            } else if (b instanceof Table t) {
                tables++;
                body.append("<table:table table:name=\"Table").append(tables).append("\">")
                        .append("<table:table-column table:number-columns-repeated=\"2\"/>");
                for (Entry e : t.rows()) {
                    body.append("<table:table-row><table:table-cell office:value-type=\"string\"><text:p><text:span text:style-name=\"T1\">")
                            .append(odtText(e.label())).append("</text:span></text:p></table:table-cell>");
                    body.append("<table:table-cell office:value-type=\"string\">");
                    for (String para : e.value().split("\n\n")) {
                        body.append("<text:p>").append(odtText(para)).append("</text:p>");
                    }
                    body.append("</table:table-cell></table:table-row>");
                }
                body.append("</table:table><text:p/>");
            }
        }
        String content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""
                + " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""
                + " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""
                + " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\""
                + " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" office:version=\"1.2\">"
                + "<office:automatic-styles><style:style style:name=\"T1\" style:family=\"text\">"
                + "<style:text-properties fo:font-weight=\"bold\"/></style:style></office:automatic-styles>"
                + "<office:body><office:text>" + body + "</office:text></office:body></office:document-content>";
        String manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">"
                + "<manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.2\" manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>"
                + "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>"
                + "</manifest:manifest>";
        Map<String, String> parts = new LinkedHashMap<>();
        parts.put("META-INF/manifest.xml", manifest);
        parts.put("content.xml", content);
        return zip("application/vnd.oasis.opendocument.text", parts);
    }

    /** Text for ODF: escaped, runs of spaces as text:s, tabs as text:tab, line breaks as text:line-break. */
    static String odtText(String t) {
        String x = xml(t);
        x = x.replace("\t", "<text:tab/>").replace("\n", "<text:line-break/>");
        x = x.replaceAll(" {2,}", " <text:s/>");
        return x;
    }

    static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 1, 5, 9, 0);

    static byte[] zip(String mimetype, Map<String, String> parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (mimetype != null) {
                byte[] m = mimetype.getBytes(StandardCharsets.US_ASCII);
                ZipEntry e = new ZipEntry("mimetype");
                e.setMethod(ZipEntry.STORED);
                e.setSize(m.length);
                e.setCompressedSize(m.length);
                CRC32 crc = new CRC32();
                crc.update(m);
                e.setCrc(crc.getValue());
                e.setTimeLocal(ZIP_TIME);
                zip.putNextEntry(e);
                zip.write(m);
                zip.closeEntry();
            }
            for (Map.Entry<String, String> part : parts.entrySet()) {
                ZipEntry e = new ZipEntry(part.getKey());
                e.setTimeLocal(ZIP_TIME);
                zip.putNextEntry(e);
                zip.write(part.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    // ---- PDF (AcroForm) ----

    static byte[] pdf(Doc d) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        for (Entry e : entries(d)) {
            values.put(e.key(), e.value());
        }
        Random r = new Random(SEED ^ (d.number * 131L));
        List<Entry> fields = new ArrayList<>();
        for (String key : FORM_KEYS) {
            fields.add(new Entry(key, label(key, d, r), values.get(key)));
        }
        return pdfForm(d.title, d.half == Half.B
                ? "Complete every field. Send to the Care Inspectorate within five working days of the incident."
                : "Criminal justice social work: to be returned within five working days.", fields, d.file());
    }

    /**
     * A fillable form: the title and a note printed on the page, then per field its label printed beside a
     * text field named by its key and holding its value (none if null). {@code id} fixes the document ID, so
     * that the same form gives the same file.
     */
    static byte[] pdfForm(String title, String note, List<Entry> fields, String id) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            PDAcroForm form = new PDAcroForm(document);
            document.getDocumentCatalog().setAcroForm(form);
            PDType1Font helv = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDResources resources = new PDResources();
            resources.put(COSName.getPDFName("Helv"), helv);
            form.setDefaultResources(resources);
            form.setDefaultAppearance("/Helv 9 Tf 0 g");
            float y = 790;
            try (PDPageContentStream text = new PDPageContentStream(document, page)) {
                text.beginText();
                text.setFont(bold, 13);
                text.newLineAtOffset(40, y);
                text.showText(title);
                text.endText();
                y -= 16;
                if (note != null) {
                    text.beginText();
                    text.setFont(helv, 8);
                    text.newLineAtOffset(40, y);
                    text.showText(note);
                    text.endText();
                }
                y -= 24;
                for (Entry entry : fields) {
                    boolean description = entry.key().equals("description");
                    float height = description ? 150 : 15;
                    text.beginText();
                    text.setFont(helv, 8.5f);
                    float bottom = y + 15 - height;
                    text.newLineAtOffset(40, y + 4);
                    text.showText(entry.label());
                    text.endText();
                    PDTextField field = new PDTextField(form);
                    field.setPartialName(entry.key());
                    if (description) {
                        field.setMultiline(true);
                        field.setDefaultAppearance("/Helv 8 Tf 0 g");
                    }
                    PDAnnotationWidget widget = field.getWidgets().get(0);
                    widget.setRectangle(new PDRectangle(215, bottom, 340, height));
                    widget.setPage(page);
                    widget.setPrinted(true);
                    page.getAnnotations().add(widget);
                    form.getFields().add(field);
                    if (entry.value() != null && !entry.value().isEmpty()) {
                        field.setValue(entry.value());
                    }
                    y = bottom - 20;
                }
            }
            COSArray documentId = new COSArray();
            byte[] digest = md5(id);
            documentId.add(new COSString(digest));
            documentId.add(new COSString(digest));
            document.getDocument().getTrailer().setItem(COSName.ID, documentId);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    static byte[] md5(String s) {
        try {
            return MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Small helpers
    // ------------------------------------------------------------------------------------------------

    /** Draws items in a shuffled order, reshuffling when all are drawn, so that every item is used evenly. */
    static final class Deck<T> {
        private final Random random;
        private final List<T> items;
        private final List<T> left = new ArrayList<>();

        Deck(Random random, List<T> items) {
            this.random = random;
            this.items = items;
        }

        T next() {
            if (left.isEmpty()) {
                left.addAll(items);
                Collections.shuffle(left, random);
            }
            return left.remove(left.size() - 1);
        }
    }

    @SafeVarargs
    static <T> List<T> l(T... items) {
        return List.of(items);
    }

    @SafeVarargs
    static <T> List<T> concat(List<T>... lists) {
        List<T> out = new ArrayList<>();
        for (List<T> list : lists) {
            out.addAll(list);
        }
        return out;
    }

    static <T> T pick(Random r, List<T> items) {
        return items.get(r.nextInt(items.size()));
    }

    static <T> List<T> pickSome(Random r, List<T> items, int n) {
        List<T> copy = new ArrayList<>(items);
        Collections.shuffle(copy, r);
        return copy.subList(0, Math.min(n, copy.size()));
    }

    static Council council(String name, String domain, List<String> spellings, List<String> halfB) {
        return new Council(name, domain, spellings, halfB);
    }

    @SuppressWarnings("unchecked")
    static <V> Map<String, V> linked(Object... keyValues) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], (V) keyValues[i + 1]);
        }
        return map;
    }

    private CorpusGenerator() {
    }
}
