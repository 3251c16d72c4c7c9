package io.regla.adapters.mailchimp.metrics;

/**
 * Delivery of one template's mails sent in one ISO week.
 *
 * @param template     the template name
 * @param isoWeek      the ISO-8601 week the mails were sent in, {@code 2023-W06}
 * @param sent         messages Mandrill sent (a message is one recipient)
 * @param delivered    {@code sent - bounces}
 * @param bounces      sent messages that hard- or soft-bounced
 * @param uniqueOpens  delivered messages opened at least once
 * @param uniqueClicks delivered messages clicked at least once
 * @param openRate     {@code uniqueOpens / delivered}, 0 when nothing was delivered
 * @param clickRate    {@code uniqueClicks / delivered}, 0 when nothing was delivered
 */
public record TemplateWeekMetrics(String template, String isoWeek, long sent, long delivered, long bounces,
                                  long uniqueOpens, long uniqueClicks, double openRate, double clickRate) {
}
