package io.regla.core.observe;

import io.regla.api.Decision;
import io.regla.api.ReloadReport;
import io.regla.api.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Several observers as one; one that throws is logged and never fails the engine's call. */
final class Observers implements EngineObserver {

    private static final Logger log = LoggerFactory.getLogger(Observers.class);

    private final List<EngineObserver> observers;

    Observers(List<EngineObserver> observers) {
        this.observers = observers;
    }

    @Override
    public void decided(Decision decision, String checksum, Collection<?> facts, int firings, long nanos) {
        for (EngineObserver o : observers) {
            try {
                o.decided(decision, checksum, facts, firings, nanos);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on a decision: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public void decideFailed(String ruleSet, Version version, RuntimeException error, long nanos) {
        for (EngineObserver o : observers) {
            try {
                o.decideFailed(ruleSet, version, error, nanos);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on a failed decision: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public void shadowDecided(Decision serving, Decision candidate, boolean differs, Collection<?> facts) {
        for (EngineObserver o : observers) {
            try {
                o.shadowDecided(serving, candidate, differs, facts);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on a shadow decision: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public void shadowFailed(Decision serving, Version candidate, RuntimeException error, Collection<?> facts) {
        for (EngineObserver o : observers) {
            try {
                o.shadowFailed(serving, candidate, error, facts);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on a failed shadow decision: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public void compiled(String ruleSet, Version version, boolean ok, long nanos) {
        for (EngineObserver o : observers) {
            try {
                o.compiled(ruleSet, version, ok, nanos);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on a compile: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public void reloaded(ReloadReport report, long nanos) {
        for (EngineObserver o : observers) {
            try {
                o.reloaded(report, nanos);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on a reload: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public void reloadFailed(RuntimeException error, long nanos) {
        for (EngineObserver o : observers) {
            try {
                o.reloadFailed(error, nanos);
            } catch (RuntimeException e) {
                log.warn("observer {} failed on a failed reload: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public void close() {
        for (EngineObserver o : observers) {
            try {
                o.close();
            } catch (RuntimeException e) {
                log.warn("observer {} failed to close: {}", o.getClass().getSimpleName(), io.regla.api.PersonalData.maskEmailsIn(e.toString()));
            }
        }
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        for (EngineObserver o : observers) {
            Optional<T> found = o.find(type);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }
}
