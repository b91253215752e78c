package org.candor.incident.service.customers;

import org.candor.contracts.customer.AffectedCustomer;

/** A validated row of an import, with the line it came from. */
record CustomerRow(long line, AffectedCustomer customer) {
}
