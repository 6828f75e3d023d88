package org.comity.node.request;

/** Kinds of identifier that point at a person, account or device. */
public enum IdentifierType {
    EMAIL,
    PHONE,
    IP_ADDRESS,
    USERNAME,
    ACCOUNT_ID,
    DOMAIN,
    URL,
    IMEI,
    IMSI,
    CRYPTO_ADDRESS,
    OTHER
}
