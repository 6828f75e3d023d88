package org.comity.custody.event;

import java.util.UUID;

/**
 * Where one exhibit's chain of custody is broken, in words a court can read.
 *
 * @param position the event's place in the exhibit's chain, from 1
 * @param event the id of the event at which the break shows
 */
public record ChainBreak(int position, UUID event, String problem) {
}
