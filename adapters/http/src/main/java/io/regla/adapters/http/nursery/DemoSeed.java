package io.regla.adapters.http.nursery;

import io.regla.adapters.http.Role;
import io.regla.adapters.http.auth.Accounts;
import io.regla.rules.mailing.ContactStatus;
import io.regla.rules.mailing.MailingContact;
import io.regla.rules.nursery.Campus;
import io.regla.rules.nursery.Enrollment;
import io.regla.rules.nursery.EnrollmentStatus;
import io.regla.rules.nursery.admissions.NurseryRecords;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

/**
 * {@code regla serve --demo}: three Vitamina campuses and their new enrolments around today (made-up names, as the
 * Vitamina example's generator makes them), an administrator and one director per campus, each with a one-time
 * password printed once. Seeding again leaves what exists (enrolments and users already there are kept).
 */
public final class DemoSeed {

    static final List<Campus> CAMPUSES = List.of(
            new Campus("C01", "Vitamina Ñuñoa", 3),
            new Campus("C02", "Vitamina Providencia", 2),
            new Campus("C03", "Vitamina Las Condes", 3));
    private static final String[] CHILDREN = {"Sofía", "Mateo", "Isidora", "Agustín", "Emilia", "Tomás", "Florencia",
            "Benjamín", "Trinidad", "Vicente", "Josefa", "Martín", "Antonella", "Lucas", "Amanda", "Joaquín"};
    private static final String[] SURNAMES = {"González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Contreras", "Silva"};
    private static final String[] GUARDIANS = {"Carolina", "Felipe", "Daniela", "Rodrigo", "Javiera", "Cristián",
            "Francisca", "Sebastián", "Camila", "Gonzalo", "Valentina", "Andrés"};

    private DemoSeed() {
    }

    /** Seeds and prints the users created with their passwords (to the console only, never to the log). */
    public static void seed(NurseryRecords records, Accounts accounts, Clock clock, PrintWriter console) {
        Random random = new Random(2023);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of("America/Santiago"));
        CAMPUSES.forEach(records::putCampus);
        int n = 0;
        for (Campus campus : CAMPUSES) {
            for (int i = 0; i < 12; i++) {
                n++;
                String id = String.format("E%05d", n);
                if (records.enrollment(id).isPresent()) {
                    continue;
                }
                String surname = SURNAMES[random.nextInt(SURNAMES.length)];
                String guardian = GUARDIANS[random.nextInt(GUARDIANS.length)];
                String email = NurseryPages.fold(guardian) + "." + n + "@example.com";
                LocalDate enrolledOn = today.minusDays(random.nextInt(10));
                records.putEnrollment(new Enrollment(id, CHILDREN[random.nextInt(CHILDREN.length)] + " " + surname,
                        campus.id(), guardian + " " + surname, email, enrolledOn, today.plusDays(7 + random.nextInt(21)),
                        EnrollmentStatus.ENROLLED));
                records.putContact(new MailingContact(email, ContactStatus.SUBSCRIBED));
            }
        }
        console.println("regla serve --demo: " + CAMPUSES.size() + " campuses and " + n + " enrolments; users (one-time passwords, shown once):");
        create(accounts, console, "admin", Role.ADMIN.name(), List.of());
        for (Campus campus : CAMPUSES) {
            create(accounts, console, "directora." + campus.id().toLowerCase(java.util.Locale.ROOT), NurseryModule.DIRECTOR.name(),
                    List.of(campus.id()));
        }
        console.flush();
    }

    private static void create(Accounts accounts, PrintWriter console, String username, String role, List<String> scope) {
        if (accounts.user(username).isPresent()) {
            console.println("  " + username + " (" + role + ") exists already: its password is unchanged");
            return;
        }
        String password = accounts.generatePassword();
        accounts.addUser(username, role, scope, password.toCharArray());
        console.println("  " + username + " (" + role + (scope.isEmpty() ? "" : " " + String.join(",", scope)) + ") password: " + password);
    }
}
