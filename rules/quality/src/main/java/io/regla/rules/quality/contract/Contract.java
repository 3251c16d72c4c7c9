package io.regla.rules.quality.contract;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One dataset's contract ({@code <dataset>.contract.yaml}).
 *
 * @param dataset  the dataset's name
 * @param file     the contract file, for messages
 * @param source   where the records come from
 * @param key      the key fields (unique together), possibly empty
 * @param fields   the fields by name, in contract order
 * @param severity the default severity of this dataset's findings (ERROR or WARNING)
 * @param timeZone the zone of datetimes without an offset
 */
public record Contract(String dataset, Path file, Source source, List<String> key, Map<String, Field> fields,
                       String severity, ZoneId timeZone) {

    public Contract {
        key = List.copyOf(key);
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    public List<Field> fieldList() {
        return new ArrayList<>(fields.values());
    }

    /** Whether any key field is personal: then keys are masked in messages and reports too. */
    public boolean personalKey() {
        return key.stream().anyMatch(k -> fields.get(k).personal());
    }
}
