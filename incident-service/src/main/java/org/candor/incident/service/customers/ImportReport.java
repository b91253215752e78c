package org.candor.incident.service.customers;

import java.util.List;

/**
 * What an import did.
 *
 * @param rows data rows read (the header not counted)
 * @param added customers new to this incident
 * @param updated customers whose details changed
 * @param unchanged customers imported again without any change (no event)
 * @param rejected rows refused, each listed in {@code rejections} up to a limit
 * @param rejectionsTruncated whether more rows were rejected than are listed
 * @param applied false when an all-or-nothing import was refused because of rejected rows
 */
public record ImportReport(String format, long rows, long added, long updated, long unchanged, long rejected,
        List<Rejection> rejections, boolean rejectionsTruncated, boolean applied, long durationMillis) {

    /** A refused row: its line in the file, the field at fault (if one) and why. */
    public record Rejection(long line, String field, String reason) {
    }
}
