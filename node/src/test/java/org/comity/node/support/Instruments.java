package org.comity.node.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.comity.node.request.Instrument;
import org.comity.node.request.internal.InstrumentCatalog;

/** The instruments as the node ships them, read from the same data files. */
public final class Instruments {

    private Instruments() {}

    public static Instrument load(String id) {
        try (InputStream in = Instruments.class.getResourceAsStream("/instruments/" + id + ".yaml")) {
            if (in == null) {
                throw new IllegalArgumentException("no instrument file " + id);
            }
            return InstrumentCatalog.parse(in, id + ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
