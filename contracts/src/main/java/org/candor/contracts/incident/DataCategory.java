package org.candor.contracts.incident;

/** Kinds of personal data an incident touched. */
public enum DataCategory {
    CONTACT, IDENTITY_DOCUMENTS, CREDENTIALS, FINANCIAL, PAYMENT_CARD, HEALTH, LOCATION, COMMUNICATIONS, CHILDREN, OTHER
}
