package io.regla.adapters.http.nursery;

import io.regla.api.spi.FactStore;

import java.util.List;

/**
 * The import runs to show on the administration page. The scheduled SQL import (adapters/import-jdbc) is built on
 * another branch; until its run record is known here, the page says that no run is recorded.
 */
final class ImportRuns {

    private ImportRuns() {
    }

    static List<String> describe(FactStore facts) {
        return List.of();
    }
}
