package eu.localeconomy.savings.card;

import eu.localeconomy.audit.AuditLog;
import eu.localeconomy.job.Jobs;
import eu.localeconomy.shared.Actor;
import eu.localeconomy.shared.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Issuance batches: a set of cards printed together into a print-ready PDF and a mail-merge CSV. A batch is
 * created with its cards fixed (so a re-run prints the same cards) and generated in the background; the files go
 * to {@code app.files.dir}, which several application nodes must share (a network volume), since any node may
 * generate a batch and any node may serve its download.
 */
@Service
public class IssuanceBatches {

    private static final Logger log = LoggerFactory.getLogger(IssuanceBatches.class);
    /** Rows fetched per round trip while streaming a batch: the heap holds this many, not the whole batch. */
    static final int FETCH_SIZE = 500;
    static final int PROGRESS_EVERY = 500;
    /** Cards read ahead so that their QR codes, the costliest part, are encoded on every core. */
    static final int LOOKAHEAD = 250;

    public enum Selection { ALL, CATEGORY, POSTCODES, NUMBERS }

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    public record Batch(UUID id, UUID programmeId, Selection selection, String selectionValue, PrintLayout layout,
                        Status status, int cardCount, int doneCount, String pdfFile, String csvFile, Long pdfBytes,
                        Long csvBytes, String errorKey, UUID jobId, UUID requestedBy, Instant createdAt,
                        Instant startedAt, Instant finishedAt) {

        public int percent() {
            if (status == Status.DONE) {
                return 100;
            }
            return cardCount == 0 ? 0 : Math.min(100, doneCount * 100 / cardCount);
        }

        public boolean finished() {
            return status == Status.DONE || status == Status.FAILED;
        }
    }

    /** Told how far a generation got; may ask it to stop. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> {
        };

        void update(long done, long total);

        /** Asked between cards: true stops the generation (the batch ends FAILED, cancelled). */
        default boolean stopRequested() {
            return false;
        }
    }

    /** A generation stopped on request. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("issuance stopped on request", null, false, false);
        }
    }

    /** The cards a new batch prints: a selection and its value (category id, postcodes or card numbers). */
    public record Request(UUID programmeId, Selection selection, UUID categoryId, List<String> postcodes,
                          List<CardNumber> numbers, PrintLayout layout) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate writing;
    private final Cards cards;
    private final CardPrinting printing;
    /** Looked up when needed: the job worker depends on this service through the issuance job handler. */
    private final ObjectProvider<Jobs> jobs;
    private final AuditLog audit;
    private final Clock clock;
    private final Path filesDir;

    IssuanceBatches(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, Cards cards,
                    CardPrinting printing, ObjectProvider<Jobs> jobs, AuditLog audit, Clock clock, @Value("${app.files.dir:data/files}") Path filesDir) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL streams with a cursor only inside a transaction and with a fetch size.
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.writing = new TransactionTemplate(transactions);
        this.writing.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cards = cards;
        this.printing = printing;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
        this.filesDir = filesDir.toAbsolutePath().normalize();
    }

    /** The numbers of the list that are not cards of this programme, or blocked, as typed. */
    public List<CardNumber> unusableNumbers(TenantId tenant, UUID programmeId, Collection<CardNumber> numbers) {
        if (numbers.isEmpty()) {
            return List.of();
        }
        Set<String> usable = Set.copyOf(jdbc.sql("""
                        select number from savings_card where tenant_id = ? and programme_id = ? and status <> 'BLOCKED'
                          and number = any(?)""")
                .params(tenant.value(), programmeId, numbers.stream().map(CardNumber::value).toArray(String[]::new))
                .query(String.class).list());
        return numbers.stream().filter(n -> !usable.contains(n.value())).distinct().toList();
    }

    /**
     * Creates a batch with its cards fixed now, in postal order (country, postcode, street, number). ALL, CATEGORY
     * and POSTCODES number the households that have no card yet and take the cards never printed, leaving out cards
     * that a queued or running batch already prints; NUMBERS takes exactly the cards listed (a reprint for those
     * printed before). Empty when the selection has no card. The batch is generated by a background job submitted
     * in the same transaction.
     */
    public Optional<UUID> create(TenantId tenant, Request request, Actor actor) {
        return writing.execute(status -> {
            Optional<UUID> batch = prepare(tenant, request, actor);
            batch.ifPresent(id -> submit(tenant, id, actor));
            return batch;
        });
    }

    /** Creates the batch without starting it (tests generate it themselves). */
    Optional<UUID> prepare(TenantId tenant, Request request, Actor actor) {
        return writing.execute(status -> {
            if (request.selection() != Selection.NUMBERS) {
                cards.number(tenant, request.programmeId());
            }
            UUID id = UUID.randomUUID();
            String value = switch (request.selection()) {
                case ALL -> null;
                case CATEGORY -> String.valueOf(request.categoryId());
                case POSTCODES -> String.join(",", request.postcodes());
                case NUMBERS -> String.join(",", request.numbers().stream().map(CardNumber::formatted).toList());
            };
            jdbc.sql("""
                            insert into savings_issuance_batch (id, tenant_id, programme_id, selection, selection_value, layout,
                                requested_by, created_at)
                            values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, tenant.value(), request.programmeId(), request.selection().name(), value,
                            request.layout().name(), actor.actorId(), Timestamp.from(clock.instant()))
                    .update();
            List<Object> params = new ArrayList<>(List.of(id, tenant.value(), request.programmeId()));
            String filter = switch (request.selection()) {
                case ALL -> "and c.status = 'CREATED'";
                case CATEGORY -> {
                    params.add(request.categoryId());
                    yield "and c.status = 'CREATED' and h.category_id = ?";
                }
                case POSTCODES -> {
                    params.add(request.postcodes().toArray(String[]::new));
                    yield "and c.status = 'CREATED' and h.postcode = any(?)";
                }
                case NUMBERS -> {
                    params.add(request.numbers().stream().map(CardNumber::value).toArray(String[]::new));
                    yield "and c.status <> 'BLOCKED' and c.number = any(?)";
                }
            };
            String pending = request.selection() == Selection.NUMBERS ? "" : """
                    and not exists (select 1 from savings_issuance_item i join savings_issuance_batch b on b.id = i.batch_id
                                    where i.card_id = c.id and b.status in ('QUEUED', 'RUNNING'))""";
            int count = jdbc.sql("""
                            insert into savings_issuance_item (batch_id, position, tenant_id, card_id)
                            select ?, row_number() over (order by coalesce(h.postal_country, ''),
                                       coalesce(h.postal_postcode, h.postcode), coalesce(h.postal_line1, h.street),
                                       length(h.house_number), h.house_number, c.number),
                                   c.tenant_id, c.id
                            from savings_card c
                            join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                            where c.tenant_id = ? and c.programme_id = ? and h.status = 'ELIGIBLE'
                            """ + filter + "\n" + pending)
                    .params(params).update();
            if (count == 0) {
                status.setRollbackOnly();
                return Optional.<UUID>empty();
            }
            jdbc.sql("update savings_issuance_batch set card_count = ? where id = ?").params(count, id).update();
            audit.record(actor, tenant, "card.issuance.created", "issuance_batch", id,
                    Map.of("selection", request.selection().name(), "layout", request.layout().name(), "cards", count));
            return Optional.of(id);
        });
    }

    public Optional<Batch> find(TenantId tenant, UUID id) {
        return jdbc.sql("select * from savings_issuance_batch where tenant_id = ? and id = ?")
                .params(tenant.value(), id).query(IssuanceBatches::batch).optional();
    }

    public List<Batch> recent(TenantId tenant, UUID programmeId, int limit) {
        return jdbc.sql("select * from savings_issuance_batch where tenant_id = ? and programme_id = ? order by created_at desc limit ?")
                .params(tenant.value(), programmeId, Math.max(1, Math.min(limit, 100))).query(IssuanceBatches::batch).list();
    }

    /** A finished batch's file, to download: {@code pdf} or {@code csv}. */
    public Optional<Path> file(TenantId tenant, UUID id, String kind) {
        return find(tenant, id).filter(b -> b.status() == Status.DONE)
                .map(b -> "pdf".equals(kind) ? b.pdfFile() : "csv".equals(kind) ? b.csvFile() : null)
                .map(filesDir::resolve).filter(Files::isRegularFile);
    }

    /**
     * Generates a batch's print PDF and mail-merge CSV, streaming its cards from the database in print order, and
     * marks the cards printed. Safe to run again after a crash or a failure: the files are written anew under
     * temporary names and only a complete run marks cards and batch, in one transaction.
     */
    public Batch generate(TenantId tenant, UUID batchId, Progress progress) {
        Batch batch = find(tenant, batchId).orElseThrow(() -> new IllegalArgumentException("no batch " + batchId));
        if (batch.status() == Status.DONE) {
            return batch;
        }
        // A batch usually follows an import and a numbering of thousands of rows that autovacuum has not analysed
        // yet: without fresh statistics the planner takes the tables for empty and joins them row by row (minutes
        // instead of milliseconds for 40,000 cards). A role that does not own the tables gets a warning, no error;
        // an autovacuum analysing the same table at the same moment makes it fail, and then its statistics are fresh.
        try {
            writing.executeWithoutResult(s -> jdbc.sql("analyze savings_issuance_item, savings_card, savings_household").update());
        } catch (org.springframework.dao.DataAccessException e) {
            log.info("statistics not refreshed before issuance batch {}: {}", batchId, e.getMostSpecificCause().getMessage());
        }
        writing.executeWithoutResult(s -> jdbc.sql("""
                        update savings_issuance_batch set status = 'RUNNING', started_at = ?, done_count = 0, error_key = null,
                            finished_at = null where tenant_id = ? and id = ?""")
                .params(Timestamp.from(clock.instant()), tenant.value(), batchId).update());
        String relative = tenant.value() + "/issuance/" + batchId;
        Path dir = filesDir.resolve(relative);
        Path pdf = dir.resolve("cards.pdf");
        Path csv = dir.resolve("mail-merge.csv");
        Path pdfPart = dir.resolve("cards.pdf.part");
        Path csvPart = dir.resolve("mail-merge.csv.part");
        try {
            Files.createDirectories(dir);
            var context = printing.context(tenant, batch.programmeId());
            int printed;
            try (OutputStream pdfOut = new BufferedOutputStream(Files.newOutputStream(pdfPart), 1 << 16);
                 OutputStream csvOut = new BufferedOutputStream(Files.newOutputStream(csvPart), 1 << 16)) {
                PrintRun run = printing.start(context, pdfOut, csvOut, batch.layout());
                List<PrintedCard> ahead = new ArrayList<>(LOOKAHEAD);
                readOnly.executeWithoutResult(s -> streaming.query("select " + CardPrinting.COLUMNS + "\n" + """
                                 from savings_issuance_item i
                                 join savings_card c on c.tenant_id = i.tenant_id and c.id = i.card_id
                                 join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                                 join savings_category g on g.tenant_id = h.tenant_id and g.id = h.category_id
                                 where i.batch_id = ? and i.tenant_id = ?
                                 order by i.position""",
                        (ResultSet rs) -> {
                            ahead.add(printing.printedCard(context, rs));
                            if (ahead.size() == LOOKAHEAD) {
                                print(run, ahead, tenant, batchId, batch.cardCount(), progress);
                            }
                        }, batchId, tenant.value()));
                print(run, ahead, tenant, batchId, batch.cardCount(), progress);
                run.close();
                printed = run.cards();
            }
            Files.move(pdfPart, pdf, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.move(csvPart, csv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            long pdfBytes = Files.size(pdf);
            long csvBytes = Files.size(csv);
            writing.executeWithoutResult(s -> {
                jdbc.sql("""
                                update savings_card c set status = case when c.status = 'CREATED' then 'ISSUED' else c.status end,
                                    printed_count = c.printed_count + 1, last_printed_at = ?
                                from savings_issuance_item i
                                where i.batch_id = ? and i.tenant_id = ? and c.tenant_id = i.tenant_id and c.id = i.card_id""")
                        .params(Timestamp.from(clock.instant()), batchId, tenant.value()).update();
                jdbc.sql("""
                                update savings_issuance_batch set status = 'DONE', done_count = ?, card_count = ?, pdf_file = ?,
                                    csv_file = ?, pdf_bytes = ?, csv_bytes = ?, finished_at = ?
                                where tenant_id = ? and id = ?""")
                        .params(printed, printed, relative + "/cards.pdf", relative + "/mail-merge.csv", pdfBytes, csvBytes,
                                Timestamp.from(clock.instant()), tenant.value(), batchId)
                        .update();
                audit.record(Actor.SYSTEM, tenant, "card.issuance.done", "issuance_batch", batchId, Map.of("cards", printed));
                progress.update(printed, printed);
            });
            return find(tenant, batchId).orElseThrow();
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof Stopped)) {
                // Only the type and place: messages may quote names or addresses being printed.
                log.error("issuance batch {} failed: {} at {}", batchId, e.getClass().getName(),
                        e.getStackTrace().length > 0 ? e.getStackTrace()[0] : null);
            }
            deleteQuietly(pdfPart);
            deleteQuietly(csvPart);
            String key = e instanceof Stopped ? "card.issuance.error.stopped" : "card.issuance.error.failed";
            writing.executeWithoutResult(s -> jdbc.sql("""
                            update savings_issuance_batch set status = 'FAILED', error_key = ?, finished_at = ?
                            where tenant_id = ? and id = ?""")
                    .params(key, Timestamp.from(clock.instant()), tenant.value(), batchId).update());
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    /**
     * Prints one card again on its own (a carrier letter with the same number and QR code) and counts the print.
     * Empty for an unknown or blocked card.
     */
    public Optional<byte[]> reprint(TenantId tenant, UUID cardId) {
        return writing.execute(s -> {
            var card = cards.find(tenant, cardId).filter(c -> c.status() != Cards.Status.BLOCKED);
            if (card.isEmpty()) {
                return Optional.<byte[]>empty();
            }
            var context = printing.context(tenant, card.get().programmeId());
            var pdf = new java.io.ByteArrayOutputStream(32 * 1024);
            PrintRun run = printing.start(context, pdf, OutputStream.nullOutputStream(), PrintLayout.CARRIER);
            jdbc.sql("select " + CardPrinting.COLUMNS + "\n" + """
                             from savings_card c
                             join savings_household h on h.tenant_id = c.tenant_id and h.id = c.household_id
                             join savings_category g on g.tenant_id = h.tenant_id and g.id = h.category_id
                             where c.tenant_id = ? and c.id = ?""")
                    .params(tenant.value(), cardId)
                    .query((ResultSet rs) -> {
                        run.add(printing.printedCard(context, rs));
                    });
            run.close();
            cards.markPrinted(tenant, List.of(cardId));
            audit.record(tenant, "card.reprinted", "card", cardId, Map.of());
            return Optional.of(pdf.toByteArray());
        });
    }

    /** Puts a failed batch back in the queue, with a new job. */
    public boolean retry(TenantId tenant, UUID batchId, Actor actor) {
        return Boolean.TRUE.equals(writing.execute(s -> {
            boolean queued = jdbc.sql("""
                            update savings_issuance_batch set status = 'QUEUED', error_key = null, done_count = 0
                            where tenant_id = ? and id = ? and status = 'FAILED'""")
                    .params(tenant.value(), batchId).update() > 0;
            if (queued) {
                submit(tenant, batchId, actor);
            }
            return queued;
        }));
    }

    private void submit(TenantId tenant, UUID batchId, Actor actor) {
        UUID job = jobs.getObject().submit(tenant, IssuanceJob.KIND, Map.of(IssuanceJob.BATCH, batchId.toString()), actor);
        jdbc.sql("update savings_issuance_batch set job_id = ? where tenant_id = ? and id = ?")
                .params(job, tenant.value(), batchId).update();
    }

    /** Prints the cards read ahead, in their order, their QR codes encoded in parallel first. */
    private void print(PrintRun run, List<PrintedCard> ahead, TenantId tenant, UUID batchId, long total, Progress progress) {
        List<QrCode> codes = ahead.parallelStream().map(card -> QrCode.encode(card.qrUrl())).toList();
        for (int i = 0; i < ahead.size(); i++) {
            run.add(ahead.get(i), codes.get(i));
            if (run.cards() % PROGRESS_EVERY == 0) {
                reportProgress(tenant, batchId, run.cards(), total, progress);
                if (progress.stopRequested()) {
                    throw new Stopped();
                }
            }
        }
        ahead.clear();
    }

    /**
     * Records progress in a transaction of its own: the cards are streamed inside a read-only one, and the job's
     * progress (which the callback may write) must commit with the batch's.
     */
    private void reportProgress(TenantId tenant, UUID batchId, long done, long total, Progress progress) {
        writing.executeWithoutResult(s -> {
            jdbc.sql("update savings_issuance_batch set done_count = ? where tenant_id = ? and id = ?")
                    .params(done, tenant.value(), batchId).update();
            progress.update(done, total);
        });
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("could not delete {}", file.getFileName());
        }
    }

    static Batch batch(ResultSet rs, int row) throws SQLException {
        return new Batch(rs.getObject("id", UUID.class), rs.getObject("programme_id", UUID.class),
                Selection.valueOf(rs.getString("selection")), rs.getString("selection_value"),
                PrintLayout.valueOf(rs.getString("layout")), Status.valueOf(rs.getString("status")),
                rs.getInt("card_count"), rs.getInt("done_count"), rs.getString("pdf_file"), rs.getString("csv_file"),
                rs.getObject("pdf_bytes", Long.class), rs.getObject("csv_bytes", Long.class), rs.getString("error_key"),
                rs.getObject("job_id", UUID.class), rs.getObject("requested_by", UUID.class), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
