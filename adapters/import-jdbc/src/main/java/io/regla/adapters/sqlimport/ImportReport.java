package io.regla.adapters.sqlimport;

/**
 * What one import run did.
 *
 * @param type      the fact type imported
 * @param rows      rows the query returned
 * @param inserted  facts that were new
 * @param updated   facts whose content changed
 * @param unchanged facts already as the source has them
 */
public record ImportReport(String type, int rows, int inserted, int updated, int unchanged) {
}
