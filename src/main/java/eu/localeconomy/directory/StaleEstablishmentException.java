package eu.localeconomy.directory;

/** Someone else changed the establishment since it was read (optimistic lock). */
public class StaleEstablishmentException extends RuntimeException {

    private final EstablishmentId id;

    public StaleEstablishmentException(EstablishmentId id) {
        super("establishment " + id + " was changed meanwhile");
        this.id = id;
    }

    public EstablishmentId id() {
        return id;
    }
}
