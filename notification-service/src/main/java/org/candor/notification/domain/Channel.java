package org.candor.notification.domain;

/** How a message reaches a person. */
public enum Channel {
    EMAIL, SMS
}
