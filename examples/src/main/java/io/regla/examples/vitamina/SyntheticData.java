package io.regla.examples.vitamina;

import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic network: campuses, and enrolments arriving over the first part of the semester (most of them in the
 * first weeks), each child starting one to four weeks after enrolling. About 1 % of the guardian addresses are
 * mistyped, 3 % of the guardians unsubscribed from the newsletter and 1 % of the addresses were cleaned (bounced).
 * Names are made up; nothing here is anyone's personal data.
 */
final class SyntheticData {

    private static final String[] COMMUNES = {"Ñuñoa", "Providencia", "Las Condes", "Maipú", "La Florida", "Vitacura",
            "Puente Alto", "San Miguel", "Macul", "La Reina", "Peñalolén", "Santiago Centro"};
    private static final String[] CHILDREN = {"Sofía", "Mateo", "Isidora", "Agustín", "Emilia", "Tomás", "Florencia",
            "Benjamín", "Trinidad", "Vicente", "Josefa", "Martín", "Antonella", "Lucas", "Amanda", "Joaquín"};
    private static final String[] GUARDIANS = {"Carolina", "Felipe", "Daniela", "Rodrigo", "Javiera", "Cristián",
            "Francisca", "Sebastián", "Camila", "Gonzalo", "Valentina", "Andrés"};

    record Network(List<Campus> campuses, List<Enrollment> enrollments, List<MailingContact> contacts) {
    }

    static Network generate(Random random, int campusCount, int enrollmentCount, LocalDate firstDay, LocalDate lastDay) {
        List<Campus> campuses = new ArrayList<>();
        for (int c = 1; c <= campusCount; c++) {
            // capacity 5 to 7 a day: tight enough that busy days fill up
            campuses.add(new Campus(String.format("C%02d", c), "Vitamina " + COMMUNES[(c - 1) % COMMUNES.length],
                    5 + random.nextInt(3)));
        }
        // enrolments arrive during the first ~60 % of the semester, a few more at the start (a uniform draw, a
        // third of them squared)
        long intakeDays = Math.max(1, (long) (ChronoUnit.DAYS.between(firstDay, lastDay) * 0.6));
        List<Enrollment> enrollments = new ArrayList<>();
        List<MailingContact> contacts = new ArrayList<>();
        for (int i = 1; i <= enrollmentCount; i++) {
            String id = String.format("E%05d", i);
            double u = random.nextDouble();
            LocalDate enrolledOn = firstDay.plusDays((long) ((random.nextInt(3) == 0 ? u * u : u) * intakeDays));
            LocalDate startsOn = enrolledOn.plusDays(7 + random.nextInt(22));
            Campus campus = campuses.get(random.nextInt(campuses.size()));
            String guardian = GUARDIANS[random.nextInt(GUARDIANS.length)];
            String local = java.text.Normalizer.normalize(guardian, java.text.Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "").toLowerCase(java.util.Locale.ROOT) + "." + i;
            String email = local + "@example.com";
            double a = random.nextDouble();
            if (a < 0.01) {
                email = local + "(at)example.com";   // a typo the audience rules catch
            } else if (a < 0.04) {
                contacts.add(new MailingContact(email, ContactStatus.UNSUBSCRIBED));
            } else if (a < 0.05) {
                contacts.add(new MailingContact(email, ContactStatus.CLEANED));
            } else if (a < 0.60) {
                contacts.add(new MailingContact(email, ContactStatus.SUBSCRIBED));
            }
            enrollments.add(new Enrollment(id, CHILDREN[random.nextInt(CHILDREN.length)], campus.id(), guardian, email,
                    enrolledOn, startsOn, EnrollmentStatus.ENROLLED));
        }
        return new Network(campuses, enrollments, contacts);
    }

    private SyntheticData() {
    }
}
