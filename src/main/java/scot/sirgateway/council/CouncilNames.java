package scot.sirgateway.council;

import java.util.List;
import java.util.Locale;

/** The 32 Scottish councils, spelled as the gateway records and returns them. */
public final class CouncilNames {

    public static final List<String> OFFICIAL = List.of(
            "Aberdeen City", "Aberdeenshire", "Angus", "Argyll and Bute", "City of Edinburgh",
            "Clackmannanshire", "Dumfries and Galloway", "Dundee City", "East Ayrshire",
            "East Dunbartonshire", "East Lothian", "East Renfrewshire", "Falkirk", "Fife", "Glasgow City",
            "Highland", "Inverclyde", "Midlothian", "Moray", "Na h-Eileanan Siar", "North Ayrshire",
            "North Lanarkshire", "Orkney Islands", "Perth and Kinross", "Renfrewshire", "Scottish Borders",
            "Shetland Islands", "South Ayrshire", "South Lanarkshire", "Stirling", "West Dunbartonshire",
            "West Lothian");

    private CouncilNames() {
    }

    /**
     * The form of a council's name used for matching: lower case, "&amp;" read as "and", punctuation
     * and the words "council", "the" and "comhairle" dropped ("Dumfries &amp; Galloway Council" and
     * "dumfries and galloway" agree).
     */
    public static String normalise(String text) {
        String s = text.toLowerCase(Locale.ROOT).replace("&", " and ");
        s = s.replaceAll("[^a-z0-9]+", " ");
        s = (" " + s + " ").replaceAll(" (council|the|comhairle) ", " ");
        s = (" " + s + " ").replaceAll(" (council|the|comhairle) ", " ");
        return s.trim().replaceAll(" +", " ");
    }
}
