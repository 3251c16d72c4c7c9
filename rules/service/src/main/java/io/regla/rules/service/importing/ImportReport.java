package io.regla.rules.service.importing;

import java.util.List;

/**
 * What {@code regla service import} did.
 *
 * @param conversationsRead     data rows of conversations.csv
 * @param conversationsImported rows inserted or replaced
 * @param salesRead             data rows of sales.csv
 * @param salesImported         rows inserted or replaced
 * @param classified            conversations the rule set (re)classified
 * @param rejections            every rejected record with its reason, in file order
 */
public record ImportReport(long conversationsRead, long conversationsImported, long salesRead, long salesImported,
                           long classified, List<Rejection> rejections) {

    public ImportReport {
        rejections = List.copyOf(rejections);
    }

    /** The CLI's exit code: 0 when every record was imported, 1 when some were rejected (the rest imported). */
    public int exitCode() {
        return rejections.isEmpty() ? 0 : 1;
    }
}
