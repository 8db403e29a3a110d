package scot.sirgateway.model;

import java.util.Locale;
import java.util.Optional;

/** Orders and licences (DOMAIN.md), with the words councils write for them. */
public enum OrderType {
    CPO("community payback order"),
    DTTO("drug treatment and testing order"),
    PAROLE("parole licence"),
    NON_PAROLE("non-parole licence"),
    EXTENDED("extended sentence"),
    SRO("supervised release order"),
    OLR("order for lifelong restriction"),
    OTHER("other");

    private final String words;

    OrderType(String words) {
        this.words = words;
    }

    /** The order this code or these words name. */
    public static Optional<OrderType> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("license", "licence");
        for (OrderType type : values()) {
            if (type.name().equalsIgnoreCase(t.replaceAll("[\\s\\-]+", "_")) || type.words.equals(t.replace('-', ' ').replace("non parole", "non-parole"))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
