package io.regla.rules.loyalty.service;

import io.regla.api.spi.FactStore;
import io.regla.api.spi.StoredFact;
import io.regla.rules.loyalty.Member;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who the programme's members are (tier, status), for the loyalty service. The default keeps them as
 * {@code Member} facts in the host's {@link FactStore}, so it works on every store backend.
 */
public interface MemberDirectory {

    /** The known members among these ids (unknown ids are absent). */
    Map<String, Member> find(Collection<String> ids);

    default Optional<Member> find(String id) {
        return Optional.ofNullable(find(java.util.List.of(id)).get(id));
    }

    /** Adds or replaces a member. */
    void save(Member member);

    /** Members kept as facts of type {@code Member}, id = member id. */
    static MemberDirectory inFacts(FactStore facts) {
        Objects.requireNonNull(facts, "facts");
        return new MemberDirectory() {
            @Override
            public Map<String, Member> find(Collection<String> ids) {
                Map<String, Member> found = new HashMap<>();
                for (String id : ids) {
                    facts.get(Member.class, id).map(StoredFact::value).ifPresent(m -> found.put(id, m));
                }
                return found;
            }

            @Override
            public void save(Member member) {
                facts.put(member.id(), member);
            }
        };
    }
}
