/**
 * The chain of custody exported as CASE 1.4 / UCO 1.4 JSON-LD (caseontology.org), so forensic
 * tools that speak CASE can read what a package says about its items and their custody. Written as
 * plain canonical JSON; conformance to the CASE SHACL shapes is proven in the tests.
 */
package org.comity.custody.caseuco;
