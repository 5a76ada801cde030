package eu.localeconomy.savings.register;

import eu.localeconomy.savings.programme.Register;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An uploaded register file and what its import did. The file's content is not part of it. */
public record RegisterImport(UUID id, UUID programmeId, Register register, LocalDate referenceDate, String fileName,
                             String charset, char delimiter, List<String> header, Map<RegisterField, Integer> mapping,
                             boolean fullExtract, Status status, UUID jobId, int rowsTotal, int rowsFailed,
                             int householdsCreated, int householdsUpdated, int householdsUnchanged,
                             int householdsExcluded, Instant createdAt) {

    public enum Status {
        /** Waiting for its column mapping. */
        UPLOADED,
        /** Its job is queued or running. */
        SUBMITTED,
        DONE, FAILED, CANCELLED;

        public boolean finished() {
            return this == DONE || this == FAILED || this == CANCELLED;
        }
    }

    /** Whether the file was not UTF-8 and was read as Windows-1252 (the screens say so, to catch a wrong guess). */
    public boolean readAsWindows1252() {
        return RegisterFile.WINDOWS_1252.name().equalsIgnoreCase(charset);
    }

    RegisterImport withStatus(Status status) {
        return new RegisterImport(id, programmeId, register, referenceDate, fileName, charset, delimiter, header, mapping,
                fullExtract, status, jobId, rowsTotal, rowsFailed, householdsCreated, householdsUpdated,
                householdsUnchanged, householdsExcluded, createdAt);
    }
}
