package org.comity.node.writer;

import org.comity.node.directory.Authority;
import org.comity.node.request.Instrument;

/**
 * Where the writer learns what the requested state requires (step 2). Never null: with nothing
 * known of the state, the answer says so and rests on the instrument and the directory.
 */
public interface RequirementsSource {

    Requirements of(Authority requested, Instrument instrument);
}
