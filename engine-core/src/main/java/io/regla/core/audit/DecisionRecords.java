package io.regla.core.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regla.api.Action;
import io.regla.api.Decision;
import io.regla.api.FiredRule;
import io.regla.api.spi.DecisionRecord;
import io.regla.core.facts.Mappers;

import java.util.List;

/** Turns a decision into the record the log writes: hash of the facts, masked actions and trace. */
final class DecisionRecords {

    private DecisionRecords() {
    }

    static DecisionRecord of(String decisionId, DecisionRecorder.Pending p) {
        Decision d = p.decision();
        Masking masking = Masking.forFacts(p.facts());
        String factsHash = FactsHash.of(p.facts(), masking);
        String trace = d.trace().enabled() ? json(masking.scrub(trace(d.trace().firings()))) : null;
        return new DecisionRecord(decisionId, p.recordedAt(), d.ruleSet(), d.version().toString(), p.checksum(),
                d.asOf(), factsHash, json(actions(d.actions(), masking)), trace);
    }

    /** {@code [{"type":"SendEmail","template":...,"to":"a***@example.com",...}, ...]}, as {@code regla decide} prints. */
    static ArrayNode actions(List<Action> actions, Masking masking) {
        ArrayNode out = Mappers.json().createArrayNode();
        for (Action a : actions) {
            ObjectNode n = out.addObject();
            n.put("type", a.type());
            JsonNode fields = Mappers.json().valueToTree(a);
            if (fields instanceof ObjectNode o) {
                o.remove("type");
                n.setAll(o);
            }
            masking.mask(a, n);
        }
        return out;
    }

    /** {@code [{"sequence":1,"rule":"welcome","facts":["Enrollment#E1"]}, ...]}. */
    static ArrayNode trace(List<FiredRule> firings) {
        ArrayNode out = Mappers.json().createArrayNode();
        for (FiredRule r : firings) {
            ObjectNode n = out.addObject();
            n.put("sequence", r.sequence());
            n.put("rule", r.rule());
            ArrayNode facts = n.putArray("facts");
            r.facts().forEach(facts::add);
        }
        return out;
    }

    private static String json(JsonNode node) {
        return node.toString();
    }
}
