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

    /** A shadow sample: both decisions' actions and their difference, masked; the facts as a hash. */
    static io.regla.api.spi.ShadowSample shadow(String sampleId, DecisionRecorder.ShadowPending p) {
        Masking masking = Masking.forFacts(p.facts());
        String factsHash = FactsHash.of(p.facts(), masking);
        Decision s = p.serving();
        String candidateActions = null;
        String difference = null;
        String error = null;
        if (p.candidate() != null) {
            candidateActions = json(actions(p.candidate().actions(), masking));
            io.regla.core.diff.CaseDiff d = io.regla.core.diff.CaseDiff.of(
                    new io.regla.core.diff.Case("shadow", List.of()), s, p.candidate());
            ObjectNode diff = Mappers.json().createObjectNode();
            diff.set("removed", actions(d.removed(), masking));
            diff.set("added", actions(d.added(), masking));
            ArrayNode changed = diff.putArray("changed");
            for (io.regla.core.diff.CaseDiff.Change c : d.changed()) {
                ObjectNode pair = changed.addObject();
                pair.set("from", actions(List.of(c.from()), masking).get(0));
                pair.set("to", actions(List.of(c.to()), masking).get(0));
            }
            difference = json(diff);
        } else {
            error = p.error().getClass().getSimpleName() + ": " + masking.text(String.valueOf(p.error().getMessage()));
        }
        return new io.regla.api.spi.ShadowSample(sampleId, p.recordedAt(), s.ruleSet(), s.version().toString(),
                p.candidateVersion().toString(), s.asOf(), factsHash, json(actions(s.actions(), masking)), candidateActions,
                difference, error);
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
