package org.candor.incident.service.customers;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.candor.contracts.CandorEvent;
import org.candor.contracts.customer.AffectedCustomer;
import org.candor.contracts.customer.AffectedCustomerAdded;
import org.candor.contracts.customer.AffectedCustomerUpdated;
import org.candor.incident.config.IncidentConfig;
import org.candor.incident.service.IncidentService;
import org.candor.platform.outbox.Outbox;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Imports affected customers from CSV or NDJSON, streaming: rows are validated one by one and
 * written in chunks, each chunk with its events in one transaction. Re-importing updates and never
 * duplicates. In all-or-nothing mode the whole file is one transaction that is rolled back if any
 * row is rejected.
 */
@ApplicationScoped
public class CustomerImportService {

    /** The input formats. */
    public enum Format {
        CSV, NDJSON
    }

    /** Raised to roll an all-or-nothing import back; carries the report. */
    public static final class ImportRefused extends RuntimeException {

        private final transient ImportReport report;

        ImportRefused(ImportReport report) {
            super("Import refused: " + report.rejected() + " rows rejected", null, false, false);
            this.report = report;
        }

        public ImportReport report() {
            return report;
        }
    }

    private final IncidentService incidents;
    private final AffectedCustomerStore store;
    private final PopulationService population;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final IncidentConfig config;
    private final Clock clock;
    /** Writes imported chunks while the next chunk is being read. */
    private final ExecutorService writerThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "customer-import-writer");
        thread.setDaemon(true);
        return thread;
    });

    CustomerImportService(IncidentService incidents, AffectedCustomerStore store, PopulationService population,
            Outbox outbox, ObjectMapper json, IncidentConfig config, Clock clock) {
        this.incidents = incidents;
        this.store = store;
        this.population = population;
        this.outbox = outbox;
        this.json = json;
        this.config = config;
        this.clock = clock;
    }

    public ImportReport importCustomers(UUID incidentId, Format format, InputStream body, boolean allOrNothing) {
        incidents.require(incidentId);
        long started = System.nanoTime();
        Run run = new Run(incidentId, format, config.importChunkSize(), config.importMaxListedRejections());
        RowSource rows = format == Format.CSV ? RowSource.csv(body) : RowSource.ndjson(body, json);
        if (allOrNothing) {
            QuarkusTransaction.requiringNew().timeout((int) config.importTransactionTimeout().toSeconds()).run(() -> {
                rows.forEachRemaining(run::accept);
                run.flush();
                if (run.rejected > 0) {
                    throw new ImportRefused(run.report(false, started));
                }
                population.publishIfChanged(incidentId);
            });
        } else {
            importPipelined(rows, run);
            population.publishIfChanged(incidentId);
        }
        ImportReport report = run.report(true, started);
        Log.infof("Import into incident %s: %d rows, %d added, %d updated, %d unchanged, %d rejected in %d ms",
                incidentId, report.rows(), report.added(), report.updated(), report.unchanged(), report.rejected(),
                report.durationMillis());
        return report;
    }

    /**
     * Reads and validates on the calling thread while a second thread writes the previous chunk,
     * each chunk in its own transaction. At most two chunks wait, so memory stays constant.
     */
    private void importPipelined(RowSource rows, Run run) {
        BlockingQueue<Map<String, CustomerRow>> chunks = new ArrayBlockingQueue<>(2);
        Map<String, CustomerRow> endOfInput = Map.of();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (Map<String, CustomerRow> chunk = chunks.take(); chunk != endOfInput; chunk = chunks.take()) {
                    Map<String, CustomerRow> toWrite = chunk;
                    QuarkusTransaction.requiringNew().run(() -> run.write(toWrite));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Import interrupted", e);
            }
        }, writerThreads);
        try {
            while (rows.hasNext()) {
                run.accept(rows.next());
                if (run.chunkFull()) {
                    putOrFail(chunks, run.takeChunk(), writer);
                }
            }
            putOrFail(chunks, run.takeChunk(), writer);
            putOrFail(chunks, endOfInput, writer);
            writer.join();
        } catch (RuntimeException e) {
            writer.cancel(true);
            throw e;
        }
    }

    /** Hands a chunk to the writer, giving up if the writer has failed. */
    private static void putOrFail(BlockingQueue<Map<String, CustomerRow>> chunks, Map<String, CustomerRow> chunk,
            CompletableFuture<Void> writer) {
        try {
            while (!chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                if (writer.isDone()) {
                    writer.join();
                    throw new IllegalStateException("The import writer stopped");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Import interrupted", e);
        }
    }

    /** The state of one import while it runs. */
    private final class Run {

        private final UUID incidentId;
        private final Format format;
        private final int chunkSize;
        private final int maxListed;
        private final Map<String, CustomerRow> chunk = new LinkedHashMap<>();
        private final List<ImportReport.Rejection> rejections = new ArrayList<>();
        private long rows;
        private long added;
        private long updated;
        private long unchanged;
        private long rejected;
        private boolean rejectionsTruncated;

        Run(UUID incidentId, Format format, int chunkSize, int maxListed) {
            this.incidentId = incidentId;
            this.format = format;
            this.chunkSize = chunkSize;
            this.maxListed = maxListed;
        }

        /** Called from the reading thread only. */
        void accept(RowSource.RawRow raw) {
            rows++;
            if (raw.unreadable() != null) {
                reject(raw.line(), null, raw.unreadable());
                return;
            }
            try {
                AffectedCustomer customer = CustomerRowValidator.validate(raw.values());
                CustomerRow earlier = chunk.get(customer.customerId());
                if (earlier != null) {
                    reject(raw.line(), "customerId", "appears again in this file (line " + earlier.line() + ")");
                    return;
                }
                chunk.put(customer.customerId(), new CustomerRow(raw.line(), customer));
            } catch (CustomerRowValidator.InvalidRow invalid) {
                reject(raw.line(), invalid.problems);
            }
        }

        boolean chunkFull() {
            return chunk.size() >= chunkSize;
        }

        /** The rows collected so far, leaving an empty chunk to fill. */
        Map<String, CustomerRow> takeChunk() {
            Map<String, CustomerRow> taken = new LinkedHashMap<>(chunk);
            chunk.clear();
            return taken;
        }

        /** Writes the collected rows; must run inside a transaction. */
        void flush() {
            write(takeChunk());
        }

        /** Writes one chunk and its events; must run inside a transaction. */
        void write(Map<String, CustomerRow> rows) {
            if (rows.isEmpty()) {
                return;
            }
            Set<String> erased = store.erasedAmong(List.copyOf(rows.keySet()));
            for (String customerId : erased) {
                reject(rows.remove(customerId).line(), "customerId", "this customer asked for erasure");
            }
            List<AffectedCustomer> customers = rows.values().stream().map(CustomerRow::customer).toList();
            AffectedCustomerStore.UpsertResult result = store.upsert(incidentId, customers);
            Instant now = Instant.now(clock);
            List<CandorEvent> events = new ArrayList<>(result.insertedById().size());
            long newOnes = 0;
            long changed = 0;
            for (AffectedCustomer customer : customers) {
                Boolean inserted = result.insertedById().get(customer.customerId());
                if (inserted == null) {
                    continue;
                }
                if (inserted) {
                    newOnes++;
                    events.add(new AffectedCustomerAdded(incidentId, customer, now));
                } else {
                    changed++;
                    events.add(new AffectedCustomerUpdated(incidentId, customer, now));
                }
            }
            outbox.recordAll(events, now);
            count(newOnes, changed, customers.size() - newOnes - changed);
        }

        private synchronized void count(long newOnes, long changed, long same) {
            added += newOnes;
            updated += changed;
            unchanged += same;
        }

        private synchronized void reject(long line, String field, String reason) {
            reject(line, List.of(new AbstractMap.SimpleImmutableEntry<>(field, reason)));
        }

        /** One rejected row, listed with one entry per field at fault. */
        private synchronized void reject(long line, List<Map.Entry<String, String>> problems) {
            rejected++;
            if (rejections.size() + problems.size() <= maxListed) {
                problems.forEach(problem -> rejections.add(new ImportReport.Rejection(line, problem.getKey(),
                        problem.getValue())));
            } else {
                rejectionsTruncated = true;
            }
        }

        synchronized ImportReport report(boolean applied, long started) {
            List<ImportReport.Rejection> byLine = rejections.stream()
                    .sorted(java.util.Comparator.comparingLong(ImportReport.Rejection::line)).toList();
            return new ImportReport(format.name(), rows, applied ? added : 0, applied ? updated : 0,
                    applied ? unchanged : 0, rejected, byLine, rejectionsTruncated, applied,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
