package org.comity.node.request;

import java.util.List;
import java.util.Optional;

/** The legal instruments this node knows, loaded from their data files at start-up. */
public interface Instruments {

    List<Instrument> all();

    Optional<Instrument> find(String id);
}
