package org.candor.support.domain;

/** How a ticket reached the support desk. */
public enum Channel {
    HOTLINE, CHAT, EMAIL, WEB
}
