package scot.sirgateway.model;

import java.util.Locale;
import java.util.Optional;

/** The incident types of DOMAIN.md with their Table 1 group. */
public enum IncidentType {
    MURDER_PERPETRATOR(Group.NON_SEXUAL),
    MURDER_VICTIM(Group.DEATH_OR_INJURY_OF_OFFENDER),
    ATTEMPTED_MURDER(Group.NON_SEXUAL),
    SEXUAL_OFFENCE(Group.SEXUAL),
    INDECENT_IMAGES(Group.SEXUAL),
    SERIOUS_ASSAULT(Group.NON_SEXUAL),
    ASSAULT_AND_ROBBERY(Group.NON_SEXUAL),
    SERIOUS_ASSAULT_AND_ATTEMPTED_MURDER(Group.NON_SEXUAL),
    ASSAULT_WEAPON_BREACH_OF_PEACE(Group.NON_SEXUAL),
    DEATH_FROM_SERIOUS_ASSAULT(Group.NON_SEXUAL),
    CHILD_ABUSE(Group.NON_SEXUAL),
    ABDUCTION(Group.NON_SEXUAL),
    TERRORISM(Group.NON_SEXUAL),
    FIRE_RAISING(Group.NON_SEXUAL),
    FIREARM(Group.NON_SEXUAL),
    STALKING(Group.OTHER),
    BURGLARY(Group.OTHER),
    UNEXPLAINED_DEATH(Group.DEATH_OR_INJURY_OF_OFFENDER),
    SUICIDE(Group.DEATH_OR_INJURY_OF_OFFENDER),
    ACCIDENTAL_DEATH(Group.DEATH_OR_INJURY_OF_OFFENDER),
    OTHER(Group.OTHER);

    public enum Group { NON_SEXUAL, SEXUAL, DEATH_OR_INJURY_OF_OFFENDER, OTHER }

    private final Group group;

    IncidentType(Group group) {
        this.group = group;
    }

    public Group group() {
        return group;
    }

    /** The type whose code this text is (any case, spaces or hyphens for underscores). */
    public static Optional<IncidentType> byCode(String text) {
        String code = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s\\-]+", "_");
        for (IncidentType type : values()) {
            if (type.name().equals(code)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
