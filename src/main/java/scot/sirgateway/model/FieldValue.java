package scot.sirgateway.model;

/**
 * A classified field: its typed value (String, LocalDate, Integer, Boolean, IncidentType, OrderType),
 * where it came from and how sure the gateway is of it (0 to 1).
 */
public record FieldValue(Object value, FieldSource source, double confidence) {
}
