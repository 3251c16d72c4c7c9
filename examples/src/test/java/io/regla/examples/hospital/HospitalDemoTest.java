package io.regla.examples.hospital;

import io.regla.rules.quality.CheckResult;
import io.regla.rules.quality.check.DatasetResult;
import io.regla.rules.quality.reconcile.DatasetDiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HospitalDemoTest {

    @Test
    void theCheckFindsEveryInjectedFaultAndNothingElseThenTheLoadReconciles(@TempDir Path dir) throws Exception {
        HospitalErp erp = HospitalErp.standard();
        StringWriter text = new StringWriter();
        HospitalDemo.Outcome o = new HospitalDemo().run(new PrintWriter(text, true), dir, erp);

        System.out.print(text);
        CheckResult first = o.first();
        for (String dataset : HospitalDemo.CONTRACTS) {
            DatasetResult d = first.dataset(dataset);
            assertThat(d.records()).as(dataset).isEqualTo(erp.rows(dataset));
            Map<String, Long> expected = new HashMap<>();
            erp.injected().get(dataset).forEach((check, n) -> expected.put(check, (long) n));
            assertThat(d.findings()).as(dataset).isEqualTo(expected);
        }
        // exactly: 17 patient, 20 admission, 12 lab and 9 dispensing irregularities
        assertThat(first.findings()).hasSize(17 + 20 + 12 + 9);
        assertThat(first.dataset("labResults").warnings()).isEqualTo(12);
        assertThat(first.findings()).allSatisfy(f -> assertThat(f.message()).doesNotContainPattern("[a-z]+\\.[a-z]+[0-9]*@exemplo"));

        assertThat(o.second().dataset("admissions").findings()).doesNotContainKey("ORPHAN_REFERENCE");
        assertThat(o.second().dataset("admissions").total()).isEqualTo(14);

        for (DatasetDiff d : o.reconcile().datasets()) {
            assertThat(d.missing()).as(d.dataset()).isEmpty();
            assertThat(d.extra()).as(d.dataset()).isEmpty();
            assertThat(d.targetRecords()).isEqualTo(d.sourceRecords());
        }
        // the four lab results that are not numbers could not enter the typed column
        assertThat(o.reconcile().dataset("labResults").changed()).hasSize(4)
                .allSatisfy(c -> assertThat(c.fields()).isEqualTo(List.of("value")));
        assertThat(o.reconcile().datasets().stream().filter(d -> !d.dataset().equals("labResults")))
                .allSatisfy(d -> assertThat(d.identical()).as(d.dataset()).isTrue());

        String html = Files.readString(dir.resolve("report/report.html"));
        assertThat(html).contains("<polyline").contains("DISCHARGE_BEFORE_ADMISSION").contains("labResults");
        assertThat(text.toString()).contains("reconciliation");
    }
}
