package io.regla.store.tck;

/** A second fact type, to show types are kept apart. */
public record TestNote(String id, String text) {
}
