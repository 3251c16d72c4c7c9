package io.regla.rules.quality.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.Finding;
import io.regla.rules.quality.check.DatasetResult;

import java.util.Map;

/**
 * The JSON output of {@code regla quality check --format json} (a public shape):
 * <pre>
 * {"datasets":[{"dataset":"admissions","records":1200,"findings":{"REQUIRED":3,"ORPHAN_REFERENCE":2}}],
 *  "findings":[{"dataset":"admissions","record":7,"key":"A000007","field":"patientId","check":"ORPHAN_REFERENCE",
 *               "severity":"ERROR","message":"..."}]}
 * </pre>
 */
public final class CheckJson {

    private CheckJson() {
    }

    public static ObjectNode of(CheckResult result) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ArrayNode datasets = root.putArray("datasets");
        for (DatasetResult d : result.datasets()) {
            ObjectNode n = datasets.addObject();
            n.put("dataset", d.dataset());
            n.put("records", d.records());
            ObjectNode counts = n.putObject("findings");
            for (Map.Entry<String, Long> e : d.findings().entrySet()) counts.put(e.getKey(), e.getValue());
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding x : result.findings()) findings.add(finding(x));
        return root;
    }

    static ObjectNode finding(Finding x) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("dataset", x.dataset());
        n.put("record", x.record());
        n.put("key", x.key());
        n.put("field", x.field());
        n.put("check", x.check());
        n.put("severity", x.severity());
        n.put("message", x.message());
        return n;
    }
}
