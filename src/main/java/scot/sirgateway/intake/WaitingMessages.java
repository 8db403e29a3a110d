package scot.sirgateway.intake;

import java.util.List;

import org.springframework.stereotype.Component;
import scot.sirgateway.storage.StoredMessages;

/**
 * The {@code intake-waiting} route's source: stored messages that have not been through the stages
 * yet, including those a restart interrupted.
 */
@Component("waitingMessages")
public class WaitingMessages {

    private static final int BATCH = 50;

    private final StoredMessages storedMessages;

    public WaitingMessages(StoredMessages storedMessages) {
        this.storedMessages = storedMessages;
    }

    public List<Long> next() {
        return storedMessages.waiting(BATCH);
    }
}
