package scot.sirgateway.intake;

import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.springframework.stereotype.Component;

/**
 * Tells the {@link IdleWatcher} when the {@code intake-mail} route starts and stops (by an operator, or as this
 * node gains or loses the leadership), so that its IMAP connection follows the route: no node but the one
 * taking mail holds a connection on the intake folder. Registered in the Camel context as an event notifier.
 */
@Component
class IntakeRouteEvents extends EventNotifierSupport {

    private final IdleWatcher watcher;

    IntakeRouteEvents(IdleWatcher watcher) {
        this.watcher = watcher;
        setIgnoreCamelContextEvents(true);
        setIgnoreExchangeEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof CamelEvent.RouteEvent route && IdleWatcher.ROUTE.equals(route.getRoute().getRouteId())
                && (event.getType() == CamelEvent.Type.RouteStarted || event.getType() == CamelEvent.Type.RouteStopped);
    }

    @Override
    public void notify(CamelEvent event) {
        if (event.getType() == CamelEvent.Type.RouteStarted) {
            watcher.intakeStarted();
        } else {
            watcher.intakeStopped();
        }
    }
}
