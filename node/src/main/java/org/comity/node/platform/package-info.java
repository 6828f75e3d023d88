/**
 * The node's shared kernel: configuration, the database (embedded or external), identifiers, the
 * clock, the acting principal and the audit port, and the problem type every feature throws. Every
 * feature may use it; it uses no feature.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.comity.node.platform;
