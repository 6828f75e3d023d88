package org.comity.node.request;

import java.util.List;
import org.comity.node.platform.ComityException;
import org.comity.node.platform.FieldProblem;

/** The lifecycle said no, and says why in words the user can act on. */
public final class TransitionRefused extends ComityException {

    public TransitionRefused(String message) {
        super(409, "transition-refused", message);
    }

    public TransitionRefused(String message, List<FieldProblem> problems) {
        super(422, "incomplete", message, problems);
    }
}
