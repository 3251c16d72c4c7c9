package io.regla.rules.quality.check;

/**
 * A field's profile over one dataset: how many values, how many missing, how many distinct, the smallest and the
 * largest (masked for personal fields).
 *
 * @param field         the field
 * @param type          its contract type
 * @param values        records with a value of the contract's type
 * @param nulls         records without a value (missing or blank)
 * @param invalid       records whose value is not of the type
 * @param distinct      distinct values (exact up to 10,000, estimated above: see {@code distinctExact})
 * @param distinctExact whether {@code distinct} is exact
 * @param min           the smallest value as text, or null
 * @param max           the largest value as text, or null
 */
public record FieldProfile(String field, String type, long values, long nulls, long invalid, long distinct,
                           boolean distinctExact, String min, String max) {
}
