package io.regla.adapters.http.nursery;

import io.regla.api.action.Rejection;
import io.regla.rules.nursery.EnrollmentStatus;

/** The directors' words for the rules' codes and the journey's states (the rules speak English to developers). */
public final class Spanish {

    /** Date and time as the pages show them. */
    public static final java.time.format.DateTimeFormatter WHEN = java.time.format.DateTimeFormatter.ofPattern("dd-MM-yyyy HH:mm");

    private Spanish() {
    }

    public static String status(EnrollmentStatus s) {
        return switch (s) {
            case ENROLLED -> "Matriculado";
            case INTERVIEW_SCHEDULED -> "Entrevista agendada";
            case INTERVIEWED -> "Entrevistado";
            case ADAPTATION_SCHEDULED -> "Adaptación agendada";
            case IN_ADAPTATION -> "En adaptación";
            case ADAPTED -> "Adaptado";
            case CANCELLED -> "Anulado";
        };
    }

    public static String rejection(Rejection r) {
        String text = switch (r.code()) {
            case "CAPACITY_FULL" -> "No quedan cupos de adaptación ese día en este jardín: elija otro día.";
            case "NON_WORKING_DAY" -> "Ese día no es hábil (fin de semana o feriado): elija un día hábil.";
            case "PAST_DATE" -> "La fecha ya pasó: elija una fecha futura.";
            case "BEFORE_INTERVIEW" -> "La adaptación no puede empezar antes de la entrevista.";
            case "BEFORE_START" -> "La adaptación no puede empezar antes de la fecha de ingreso del niño o niña.";
            case "INVALID_STATE" -> "La matrícula no está en un estado que permita esta acción.";
            case "INTERVIEW_OVERDUE" -> "La entrevista está vencida: agéndela de nuevo.";
            case "NO_SHOW" -> "La familia no asistió a la entrevista.";
            default -> "La acción fue rechazada por las reglas.";
        };
        return text + " (" + r.code() + ")";
    }

    public static String weekday(java.time.LocalDate d) {
        return d.getDayOfWeek().getDisplayName(java.time.format.TextStyle.SHORT, java.util.Locale.forLanguageTag("es-CL"));
    }
}
