package org.comity.custody.event;

/** The software or device that performed an action, by name and version, as ISO/IEC 27037 asks to record it. */
public record Tool(String name, String version) {

    public Tool {
        Texts.require("tool.name", name, 200);
        Texts.require("tool.version", version, 100);
    }
}
