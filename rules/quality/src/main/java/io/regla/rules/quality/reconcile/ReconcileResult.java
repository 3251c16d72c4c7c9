package io.regla.rules.quality.reconcile;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** What {@code regla quality reconcile} found, dataset by dataset. */
public record ReconcileResult(List<DatasetDiff> datasets) {

    public ReconcileResult {
        datasets = List.copyOf(datasets);
    }

    public boolean identical() {
        return datasets.stream().allMatch(DatasetDiff::identical);
    }

    /** 0 when the target holds exactly the source, 1 otherwise. */
    public int exitCode() {
        return identical() ? 0 : 1;
    }

    public DatasetDiff dataset(String name) {
        return datasets.stream().filter(d -> d.dataset().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no dataset " + name));
    }

    /**
     * The JSON output:
     * <pre>
     * {"datasets":[{"dataset":"admissions","source":{"records":1200,"sums":{"amount":"5320.50"}},
     *   "target":{"records":1199,"sums":{"amount":"5300.50"}},"identical":false,
     *   "missing":["A000007"],"extra":[],"changed":[{"key":"A000009","fields":["ward"]}]}]}
     * </pre>
     */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = root.putArray("datasets");
        for (DatasetDiff d : datasets) {
            ObjectNode n = arr.addObject();
            n.put("dataset", d.dataset());
            side(n.putObject("source"), d.sourceRecords(), d.sourceSums());
            side(n.putObject("target"), d.targetRecords(), d.targetSums());
            n.put("identical", d.identical());
            ArrayNode missing = n.putArray("missing");
            d.missing().forEach(missing::add);
            ArrayNode extra = n.putArray("extra");
            d.extra().forEach(extra::add);
            ArrayNode changed = n.putArray("changed");
            for (DatasetDiff.Changed c : d.changed()) {
                ObjectNode cn = changed.addObject();
                cn.put("key", c.key());
                ArrayNode fields = cn.putArray("fields");
                c.fields().forEach(fields::add);
            }
        }
        return root;
    }

    private static void side(ObjectNode n, long records, Map<String, BigDecimal> sums) {
        n.put("records", records);
        ObjectNode s = n.putObject("sums");
        sums.forEach((k, v) -> s.put(k, v.toPlainString()));
    }
}
