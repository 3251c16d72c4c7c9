package io.regla.rules.service;

/**
 * One value of a series.
 *
 * @param x an agent's name, a period label (the ISO date the period starts) or a category
 * @param y the value
 */
public record ChartPoint(String x, double y) {
}
