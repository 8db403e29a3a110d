package scot.sirgateway;

/** A port the gateway must listen on is held by another program; names the property that moves it. */
public class PortTakenException extends IllegalStateException {

    private final int port;
    private final String property;
    private final String whose;

    public PortTakenException(int port, String property, String whose, Throwable cause) {
        super("port " + port + " (" + whose + ", " + property + ") is already in use", cause);
        this.port = port;
        this.property = property;
        this.whose = whose;
    }

    public int port() { return port; }
    public String property() { return property; }
    public String whose() { return whose; }
}
