package io.regla.adapters.http.nursery;

import io.regla.adapters.http.HttpError;
import io.regla.adapters.http.Principal;
import io.regla.api.spi.StoredFact;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.admissions.NurseryRecords;

/**
 * The campus scope of the nursery routes. Existence is never leaked: a scoped user (a director) gets 403 for
 * anything outside her campuses, whether it exists or not, and for an unknown enrolment (she could not tell it from
 * another campus's); only an unscoped user (an administrator) learns that something does not exist (404).
 */
final class Access {

    private Access() {
    }

    static Campus campus(NurseryRecords records, Principal p, String campusId) {
        if (!p.covers(campusId)) {
            throw HttpError.forbidden();
        }
        return records.campus(campusId).orElseThrow(() -> p.role().scoped()
                ? HttpError.forbidden() : HttpError.notFound("there is no campus '" + campusId + "'"));
    }

    static StoredFact<Enrollment> enrollment(NurseryRecords records, Principal p, String id) {
        var found = records.enrollment(id);
        if (found.isEmpty()) {
            throw p.role().scoped() ? HttpError.forbidden() : HttpError.notFound("there is no enrolment '" + id + "'");
        }
        if (!p.covers(found.get().value().campusId())) {
            throw HttpError.forbidden();
        }
        return found.get();
    }
}
