package io.regla.api.action;

import io.regla.api.Action;

/**
 * A command the rules refused, with a stable code ({@code PAST_DATE}) and a message for the user.
 *
 * @param command the command's type and subject, such as {@code ScheduleInterview E1}
 */
public record Rejection(String command, String code, String message) implements Action {
}
