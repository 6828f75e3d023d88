package org.comity.custody.pkg;

/**
 * One check of a package and its outcome, in words for a lawyer.
 *
 * @param subject what was checked (the manifest's signature, a file, an exhibit's custody, a checkpoint)
 */
public record Check(Status status, String subject, String message) {

    /** PASS and FAIL decide the verdict; INFO says something worth knowing that is neither (an item sent as its hash only). */
    public enum Status { PASS, FAIL, INFO }

    static Check pass(String subject, String message) {
        return new Check(Status.PASS, subject, message);
    }

    static Check fail(String subject, String message) {
        return new Check(Status.FAIL, subject, message);
    }

    static Check info(String subject, String message) {
        return new Check(Status.INFO, subject, message);
    }
}
