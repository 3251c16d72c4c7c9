package io.regla.api.spi;

/**
 * What an upsert batch did.
 *
 * @param inserted  facts that did not exist
 * @param updated   facts that existed with different content
 * @param unchanged facts that existed with the same content (left alone: version not bumped)
 */
public record PutAllResult(int inserted, int updated, int unchanged) {

    public static final PutAllResult EMPTY = new PutAllResult(0, 0, 0);

    public PutAllResult plus(PutAllResult other) {
        return new PutAllResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged);
    }

    public int total() {
        return inserted + updated + unchanged;
    }
}
